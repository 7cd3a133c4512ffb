import { newHandoverKeyPair, openHandover, sealHandover } from './handover-crypto';

const person = { name: '欧阳娜娜', mobile: '13812345678', idNumber: '11010519491231002X' };

describe('personal-data handover between nodes', () => {
  it('opens with the target’s private key only', () => {
    const target = newHandoverKeyPair();
    expect(Buffer.from(target.publicKey, 'base64')).toHaveLength(32);
    const sealed = sealHandover(target.publicKey, 't1', person);
    expect(JSON.stringify(sealed)).not.toContain('13812345678');
    expect(openHandover(target.privateKey, 't1', sealed)).toEqual(person);
    expect(() => openHandover(newHandoverKeyPair().privateKey, 't1', sealed)).toThrow();
  });

  it('is bound to its transfer', () => {
    const target = newHandoverKeyPair();
    const sealed = sealHandover(target.publicKey, 't1', person);
    expect(() => openHandover(target.privateKey, 't2', sealed)).toThrow();
  });

  it('refuses a public key of the wrong size', () => {
    expect(() => sealHandover(Buffer.alloc(16).toString('base64'), 't1', person)).toThrow(/32 bytes/);
  });
});
