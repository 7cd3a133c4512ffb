import { deriveKey, keyedHash, newDataKey, open, openParts, seal, sealParts } from './sealed-box';

describe('sealed box (personal data at rest)', () => {
  const key = newDataKey();
  const secret = Buffer.from('张三 13812345678', 'utf8');

  it('opens what it sealed, for the same owner only', () => {
    const packed = seal(key, 'person:1', secret);
    expect(open(key, 'person:1', packed).toString('utf8')).toBe('张三 13812345678');
    expect(() => open(key, 'person:2', packed)).toThrow();
    expect(() => open(newDataKey(), 'person:1', packed)).toThrow();
    expect(openParts(key, 'x', sealParts(key, 'x', secret))).toEqual(secret);
  });

  it('refuses a tampered box and never repeats a ciphertext', () => {
    const packed = seal(key, 'person:1', secret);
    const tampered = Buffer.from(packed);
    tampered[tampered.length - 1]! ^= 0x01;
    expect(() => open(key, 'person:1', tampered)).toThrow();
    expect(seal(key, 'person:1', secret).equals(packed)).toBe(false);
  });

  it('hashes for matching per key and purpose', () => {
    const hmacKey = deriveKey('configured secret', 'hmac');
    expect(keyedHash(hmacKey, 'mobile', '13812345678')).toBe(keyedHash(hmacKey, 'mobile', '13812345678'));
    expect(keyedHash(hmacKey, 'mobile', '13812345678')).not.toBe(keyedHash(hmacKey, 'id-number', '13812345678'));
    expect(keyedHash(deriveKey('other secret', 'hmac'), 'mobile', '13812345678')).not.toBe(keyedHash(hmacKey, 'mobile', '13812345678'));
  });
});
