import { idNumberCheckCode } from '@ws/contracts';

/**
 * Made-up people for demo data, tests and the benchmark: deterministic from an index, with ID
 * numbers that pass the GB 11643 checksum (region 330802 柯城, birth dates 1965–2004) and mobiles
 * in the 13x–19x ranges. They are not real people: the sequence digits are the index.
 */
const SURNAMES = Array.from('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤');
const GIVEN = Array.from('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞波宇浩凯健俊帆晨阳鑫辉峰亮建林文斌志国海燕雪梅琳');

export interface SyntheticPerson {
  name: string;
  mobile: string;
  idNumber: string;
}

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length]!;
}

export function syntheticIdNumber(index: number, region = '330802'): string {
  const day = new Date(Date.UTC(1965, 0, 1) + (index % 14_600) * 86_400_000);
  const birth = `${day.getUTCFullYear()}${String(day.getUTCMonth() + 1).padStart(2, '0')}${String(day.getUTCDate()).padStart(2, '0')}`;
  const sequence = String(Math.floor(index / 14_600) % 1000).padStart(3, '0');
  const first17 = `${region}${birth}${sequence}`;
  return `${first17}${idNumberCheckCode(first17)}`;
}

export function syntheticMobile(index: number): string {
  const prefix = pick(['135', '138', '139', '150', '158', '177', '186', '188', '199'], Math.floor(index / 100_000_000));
  return `${prefix}${String(index % 100_000_000).padStart(8, '0')}`;
}

export function syntheticName(index: number): string {
  const surname = pick(SURNAMES, index);
  const given = pick(GIVEN, Math.floor(index / SURNAMES.length));
  const second = index % 3 === 0 ? '' : pick(GIVEN, Math.floor(index / (SURNAMES.length * GIVEN.length)) + index);
  return `${surname}${given}${second}`;
}

export function syntheticPerson(index: number): SyntheticPerson {
  return { name: syntheticName(index), mobile: syntheticMobile(index), idNumber: syntheticIdNumber(index) };
}
