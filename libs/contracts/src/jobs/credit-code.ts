/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and the capitals without I, O, S, V, Z;
 * 1 登记管理部门 + 1 机构类别 + 6 登记管理机关行政区划码 + 9 主体标识码 + 1 check character.
 * The check is the code's own (weights 3^i mod 31); the embedded organisation code's check is
 * not repeated, since the outer check already covers every character.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type CreditCodeCheck = { ok: true; value: string } | { ok: false; code: 'credit_code_invalid_format' | 'credit_code_bad_checksum'; message: string };

/** The check character of the first 17 characters (all from the code's character set). */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!;
  const check = 31 - (sum % 31);
  return CHARSET[check === 31 ? 0 : check]!;
}

/** Spaces people type are dropped and letters upper-cased before checking. */
export function checkCreditCode(input: string): CreditCodeCheck {
  const value = input.replace(/\s/g, '').toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) {
    return { ok: false, code: 'credit_code_invalid_format', message: '统一社会信用代码应为18位数字或大写字母（不含I、O、S、V、Z），第3–8位为行政区划码' };
  }
  if (creditCodeCheckCharacter(value.slice(0, 17)) !== value[17]) {
    return { ok: false, code: 'credit_code_bad_checksum', message: '统一社会信用代码校验位不正确，请核对营业执照' };
  }
  return { ok: true, value };
}
