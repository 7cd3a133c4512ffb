import { checkCreditCode, creditCodeCheckCharacter } from './credit-code';

describe('统一社会信用代码 (GB 32100)', () => {
  it('accepts codes from real business licences, with spaces and lower case', () => {
    for (const code of ['91350100M000100Y43', '91110000802100433B', '91440300708461136T']) {
      expect(checkCreditCode(code)).toEqual({ ok: true, value: code });
    }
    expect(checkCreditCode(' 91110000 802100433b ')).toEqual({ ok: true, value: '91110000802100433B' });
  });

  it('computes the check character, 0 when the remainder is 0', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckCharacter('91110000100000000')).toBe('R');
  });

  it('refuses a wrong check character, a wrong length, letters outside the set, letters in the region code', () => {
    expect(checkCreditCode('91350100M000100Y44')).toMatchObject({ ok: false, code: 'credit_code_bad_checksum' });
    expect(checkCreditCode('91350100M000100Y4')).toMatchObject({ ok: false, code: 'credit_code_invalid_format' });
    expect(checkCreditCode('91350100M000100I43')).toMatchObject({ ok: false, code: 'credit_code_invalid_format' });
    expect(checkCreditCode('9135A100M000100Y43')).toMatchObject({ ok: false, code: 'credit_code_invalid_format' });
  });
});
