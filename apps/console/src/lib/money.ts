/**
 * Money as officers type and read it (元 with at most two decimals) and as the services keep it
 * (integer fen). Both ways go through the digits, never through a float: 0.1 + 0.2 元 is not a
 * question here, and 1234.56 元 is 123456 fen exactly.
 */
const YUAN = /^(\d{1,10})(?:\.(\d{1,2}))?$/;

/** The fen of a typed amount (spaces and thousands commas allowed); undefined for anything else (a third decimal, a sign, letters). */
export function yuanToFen(text: string): number | undefined {
  const match = YUAN.exec(text.trim().replace(/[,，\s]/g, ''));
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Fen as 元 with two decimals and thousands separators: 123456 → "1,234.56". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** Fen as the amount field shows it for editing (no separators): 500000 → "5000.00". */
export const fenToYuanInput = (fen: number) => fenToYuan(fen).replace(/,/g, '');

/** The message a form shows at an amount it cannot read. */
export const YUAN_FORMAT_MESSAGE = '请填写金额（元），最多两位小数，如 1280.50';
