import { randomBytes } from 'node:crypto';
import { idNumberHmac, mobileHmac, newDataKey, openPersonalData, sealPersonalData, unwrapDataKey, wrapDataKey } from './crypto';
import { parseKey, piiKeysFromEnv } from './pii-keys';

const person = { name: '张三', mobile: '13812345678', idNumber: '11010519491231002X' };
const master = randomBytes(32);

describe('vault cryptography', () => {
  it('seals and opens a person under their own data key', () => {
    const key = newDataKey();
    const sealed = sealPersonalData(key, 'p1', person);
    expect(sealed.ciphertext.toString('utf8')).not.toContain('13812345678');
    expect(openPersonalData(key, 'p1', sealed)).toEqual(person);
  });

  it('does not open under another key or bound to another person', () => {
    const key = newDataKey();
    const sealed = sealPersonalData(key, 'p1', person);
    expect(() => openPersonalData(newDataKey(), 'p1', sealed)).toThrow();
    expect(() => openPersonalData(key, 'p2', sealed)).toThrow();
  });

  it('detects a tampered ciphertext', () => {
    const key = newDataKey();
    const sealed = sealPersonalData(key, 'p1', person);
    sealed.ciphertext[0]! ^= 1;
    expect(() => openPersonalData(key, 'p1', sealed)).toThrow();
  });

  it('wraps the data key with the master key, bound to the person', () => {
    const key = newDataKey();
    const wrapped = wrapDataKey(master, 'p1', key);
    expect(wrapped.length).toBe(1 + 12 + 16 + 32);
    expect(unwrapDataKey(master, 'p1', wrapped).equals(key)).toBe(true);
    expect(() => unwrapDataKey(master, 'p2', wrapped)).toThrow();
    expect(() => unwrapDataKey(randomBytes(32), 'p1', wrapped)).toThrow();
  });

  it('keyed hashes match equal inputs, differ by key and by purpose', () => {
    const key = randomBytes(32);
    expect(idNumberHmac(key, person.idNumber)).toBe(idNumberHmac(key, person.idNumber));
    expect(idNumberHmac(key, person.idNumber)).not.toBe(idNumberHmac(randomBytes(32), person.idNumber));
    expect(idNumberHmac(key, '13812345678')).not.toBe(mobileHmac(key, '13812345678'));
  });
});

describe('vault keys from the environment', () => {
  it('reads 32-byte keys as hex or base64', () => {
    const key = randomBytes(32);
    expect(parseKey(key.toString('hex'), 'K').equals(key)).toBe(true);
    expect(parseKey(key.toString('base64'), 'K').equals(key)).toBe(true);
  });

  it('refuses keys of the wrong size', () => {
    expect(() => parseKey('abcd', 'PII_MASTER_KEY')).toThrow(/PII_MASTER_KEY must be 32 bytes/);
    expect(() => parseKey(randomBytes(16).toString('base64'), 'K')).toThrow();
  });

  it('falls back to development keys and says so', () => {
    const keys = piiKeysFromEnv({});
    expect(keys.development).toBe(true);
    expect(keys.masterKey.length).toBe(32);
    expect(keys.masterKey.equals(keys.hmacKey)).toBe(false);
    const given = piiKeysFromEnv({ PII_MASTER_KEY: master.toString('hex'), PII_HMAC_KEY: randomBytes(32).toString('base64') });
    expect(given.development).toBe(false);
    expect(given.masterKey.equals(master)).toBe(true);
  });
});
