import fc from 'fast-check';
import { DomainError } from './domain-error';
import { checkEventText, isMobileOrIdNumber } from './event-text';

const RULE = { max: 500, label: '内容', multiline: true };
const refused = (text: string) => {
  const result = checkEventText(text, 'text', RULE);
  return result instanceof DomainError && result.code === 'personal_data_in_text';
};

/** How a person may write one digit: ASCII, full-width, Chinese numerals (plain, financial, spoken). */
const WRITTEN: Record<string, string[]> = {
  '0': ['0', '０', '〇', '零', '洞'],
  '1': ['1', '１', '一', '幺', '壹'],
  '2': ['2', '２', '二', '两', '贰'],
  '3': ['3', '３', '三', '叁'],
  '4': ['4', '４', '四', '肆'],
  '5': ['5', '５', '五', '伍'],
  '6': ['6', '６', '六', '陆'],
  '7': ['7', '７', '七', '柒', '拐'],
  '8': ['8', '８', '八', '捌'],
  '9': ['9', '９', '九', '玖', '勾'],
};
/** What may stand between the digits: spaces of every kind, dashes, dots, slashes, invisible characters. */
const SEPARATORS = ['', ' ', '\u00a0', '\u3000', '\u200b', '\u200c', '\u2060', '\ufeff', '-', '－', '—', '.', '·', '/', '_', '(', ')', '（', '）', ',', '，', '、', '*'];

const digit = fc.constantFrom(...'0123456789');
const mobile = fc.tuple(fc.constantFrom(...'3456789'), fc.array(digit, { minLength: 9, maxLength: 9 })).map(([second, rest]) => `1${second}${rest.join('')}`);
const idNumber = fc
  .tuple(fc.array(digit, { minLength: 17, maxLength: 17 }), fc.constantFrom(...'0123456789Xx'))
  .map(([body, check]) => `${body.join('')}${check}`);

/** One rendering of `digits`: each digit written its own way, separators between them. */
function written(digits: string) {
  return fc.tuple(
    fc.array(fc.nat(), { minLength: digits.length, maxLength: digits.length }),
    fc.array(fc.constantFrom(...SEPARATORS), { minLength: digits.length, maxLength: digits.length }),
  ).map(([choices, separators]) =>
    [...digits]
      .map((d, i) => {
        const ways = WRITTEN[d] ?? [d, d === 'x' ? 'ｘ' : 'Ｘ'];
        return `${ways[choices[i]! % ways.length]}${i < digits.length - 1 ? separators[i] : ''}`;
      })
      .join(''),
  );
}

/** Words around the number, with no digit in any form. */
const WORDS = ['请联系', '骑手', '驿站', '微波炉坏了', '谢谢', '地址在柯城区', 'call me', '电话', '身份证', '备注：'];
const surrounding = fc.array(fc.constantFrom(...WORDS), { maxLength: 3 }).map((w) => w.join(''));

describe('free text in events: mobiles and ID numbers are found however they are written', () => {
  it('refuses a mobile written with any mix of digits, full-width digits and Chinese numerals, and any separators', () => {
    fc.assert(
      fc.property(mobile.chain(written), surrounding, surrounding, (number, before, after) => refused(`${before}${number}${after}`)),
      { numRuns: 2000 },
    );
  });

  it('refuses an ID number written the same ways, with x or X or ｘ as its check character', () => {
    fc.assert(
      fc.property(idNumber.chain(written), surrounding, surrounding, (number, before, after) => refused(`${before}${number}${after}`)),
      { numRuns: 2000 },
    );
  });

  it('takes text with no number in it', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...WORDS, ' ', '，', '。'), { maxLength: 20 }), (words) => !refused(words.join('')) || words.join('').trim() === ''), {
      numRuns: 500,
    });
  });

  it('takes numbers that are neither: a count, a year, a short code', () => {
    for (const text of ['今日接待骑手 138 人', '2026年11月23日', '编号 A-1024', '一二三', '洞头区驿站', '12345678901（十一位但不是手机号段）']) {
      expect(refused(text)).toBe(false);
    }
  });

  it('knows a card-number field that holds a mobile or an ID number in any writing', () => {
    expect(isMobileOrIdNumber('１３８ ００１３ ８０００')).toBe(true);
    expect(isMobileOrIdNumber('一三八〇〇一三八〇〇〇')).toBe(true);
    expect(isMobileOrIdNumber('11010519491231002ｘ')).toBe(true);
    expect(isMobileOrIdNumber('ZJ330802000123')).toBe(false);
  });
});
