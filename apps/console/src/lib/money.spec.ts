import { fenToYuan, fenToYuanInput, yuanToFen } from './money';

describe('money: 元 as typed, fen on the wire', () => {
  it('reads typed 元 into exact fen, whatever a float would make of it', () => {
    expect(yuanToFen('5000')).toBe(500_000);
    expect(yuanToFen('1234.56')).toBe(123_456);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('0.29')).toBe(29); // 0.29 * 100 is 28.999999999999996 as a float
    expect(yuanToFen('1,280.05')).toBe(128_005);
    expect(yuanToFen(' 12.3 ')).toBe(1_230);
    expect(yuanToFen('9999999999.99')).toBe(999_999_999_999);
  });

  it('refuses what is not an amount in 元', () => {
    for (const text of ['', '.5', '1.234', '-3', '1e3', '12元', 'abc', '1..2']) expect(yuanToFen(text)).toBeUndefined();
  });

  it('shows fen as 元 with two decimals', () => {
    expect(fenToYuan(500_000)).toBe('5,000.00');
    expect(fenToYuan(123_456)).toBe('1,234.56');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(-1_050)).toBe('-10.50');
    expect(fenToYuanInput(123_456_789)).toBe('1234567.89');
    expect(yuanToFen(fenToYuanInput(123_456_789))).toBe(123_456_789);
  });
});
