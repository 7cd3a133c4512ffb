import { deriveKey, keyedHash, newDataKey, open, openJsonRecord, openParts, openRecord, seal, sealJsonRecord, sealParts, sealRecord } from './sealed-box';

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

  it('seals a record under its own key, wrapped by the master key, for its reference only', () => {
    const master = deriveKey('configured master secret', 'vault');
    const record = sealRecord(master, 'contact', 'ref-1', secret);
    expect(openRecord(master, 'contact', 'ref-1', record)).toEqual(secret);
    // The data key is the record's own: it opens the sealed part packed as `seal` packs it.
    const dataKey = open(master, 'contact-key:ref-1', record.wrappedKey);
    expect(open(dataKey, 'contact:ref-1', record.sealed)).toEqual(secret);
    expect(() => openRecord(master, 'contact', 'ref-2', record)).toThrow();
    expect(() => openRecord(master, 'legal-worker', 'ref-1', record)).toThrow();
    expect(() => openRecord(deriveKey('another master', 'vault'), 'contact', 'ref-1', record)).toThrow();
  });

  it('seals a JSON record as the record of its UTF-8 text, so rows sealed as text before open as JSON', () => {
    const master = deriveKey('configured master secret', 'vault');
    const worker = { name: '张三', mobile: '13812345678' };
    const asText = sealRecord(master, 'legal-worker', 'ref-1', Buffer.from(JSON.stringify(worker), 'utf8'));
    expect(openJsonRecord(master, 'legal-worker', 'ref-1', asText)).toEqual(worker);
    const record = sealJsonRecord(master, 'legal-worker', 'ref-1', worker);
    expect(openRecord(master, 'legal-worker', 'ref-1', record).toString('utf8')).toBe(JSON.stringify(worker));
    expect(() => openJsonRecord(master, 'legal-worker', 'ref-2', record)).toThrow();
  });
});
