import { checkIdNumber, checkMobile, checkName, idNumberCheckCode, looksLikePersonalData, maskIdNumber, maskMobile, maskName } from './identity';

const TODAY = new Date('2026-06-01T00:00:00Z');

function codeOf(result: ReturnType<typeof checkIdNumber>): string {
  return result.ok ? 'ok' : result.code;
}

describe('resident ID number (GB 11643)', () => {
  it('accepts the standard example and upper-cases a trailing x', () => {
    expect(checkIdNumber('11010519491231002X', TODAY)).toEqual({ ok: true, value: '11010519491231002X' });
    expect(checkIdNumber(' 11010519491231002x ', TODAY)).toEqual({ ok: true, value: '11010519491231002X' });
  });

  it('computes the check character with weights 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2 and codes 10X98765432', () => {
    expect(idNumberCheckCode('11010519491231002')).toBe('X');
    // Sum 0 → index 0 → '1'
    expect(idNumberCheckCode('00000000000000000')).toBe('1');
  });

  it('refuses a wrong check character', () => {
    expect(codeOf(checkIdNumber('110105194912310021', TODAY))).toBe('id_number_bad_checksum');
  });

  it.each([
    ['too short', '11010519491231002', 'id_number_invalid_length'],
    ['too long', '11010519491231002X1', 'id_number_invalid_length'],
    ['letters inside', '1101051949123100AX', 'id_number_invalid_format'],
    ['unknown province 99', '990105194912310027', 'id_number_bad_region'],
    ['30 February', '330802199002300012', 'id_number_bad_birth_date'],
    ['month 13', '330802199013010012', 'id_number_bad_birth_date'],
    ['born before 1900', '440524188001010014', 'id_number_bad_birth_date'],
  ])('refuses %s', (_what, input, code) => {
    expect(codeOf(checkIdNumber(input, TODAY))).toBe(code);
  });

  it('refuses a birth date in the future even with a valid checksum', () => {
    const first17 = '33080220270101001';
    expect(codeOf(checkIdNumber(`${first17}${idNumberCheckCode(first17)}`, TODAY))).toBe('id_number_bad_birth_date');
  });

  it('accepts 29 February of a leap year only', () => {
    const leap = '33080220000229001';
    const plain = '33080219990229001';
    expect(codeOf(checkIdNumber(`${leap}${idNumberCheckCode(leap)}`, TODAY))).toBe('ok');
    expect(codeOf(checkIdNumber(`${plain}${idNumberCheckCode(plain)}`, TODAY))).toBe('id_number_bad_birth_date');
  });
});

describe('mobile', () => {
  it('accepts 13–19 prefixes and drops typed separators', () => {
    expect(checkMobile('138 1234-5678')).toEqual({ ok: true, value: '13812345678' });
    expect(checkMobile('19912345678').ok).toBe(true);
  });
  it.each(['12812345678', '1381234567', '138123456789', '+8613812345678', '1381234567a'])('refuses %s', (input) => {
    expect(checkMobile(input)).toMatchObject({ ok: false, code: 'mobile_invalid' });
  });
});

describe('name', () => {
  it.each(['张三', '欧阳娜娜', '阿卜杜·热合曼', 'Anna-Lena O\'Neil'])('accepts %s', (name) => {
    expect(checkName(name)).toEqual({ ok: true, value: name });
  });
  it.each([
    ['empty', '   ', 'name_empty'],
    ['51 characters', '张'.repeat(51), 'name_too_long'],
    ['10 KB', 'x'.repeat(10_240), 'name_too_long'],
    ['emoji', '张三😀', 'name_has_emoji'],
    ['emoji with joiner', '李👨‍👩‍👧', 'name_has_emoji'],
    ['a control character', '张\u0007三', 'name_control_characters'],
    ['a zero-width space', '张\u200B三', 'name_control_characters'],
    ['SQL', "'); DROP TABLE person_data;--", 'name_invalid_characters'],
    ['markup', '<script>alert(1)</script>', 'name_invalid_characters'],
  ])('refuses %s', (_what, input, code) => {
    expect(checkName(input)).toMatchObject({ ok: false, code });
  });
  it('counts code points, not UTF-16 units: 50 four-byte characters pass', () => {
    expect(checkName('𠀀'.repeat(50)).ok).toBe(true);
  });
});

describe('masking and personal-data heuristics', () => {
  it('masks as 330***********1234, 138****5678, 张*', () => {
    expect(maskIdNumber('330802199001011234')).toBe('330***********1234');
    expect(maskMobile('13812345678')).toBe('138****5678');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('王')).toBe('王*');
  });
  it('finds mobiles and ID numbers inside free text', () => {
    expect(looksLikePersonalData('请联系 138-1234-5678')).toBe(true);
    expect(looksLikePersonalData('证件 11010519491231002X 有误')).toBe(true);
    expect(looksLikePersonalData('美团外卖 柯城站')).toBe(false);
  });
});
