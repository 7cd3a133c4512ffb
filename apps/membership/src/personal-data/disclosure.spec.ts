import type { Principal } from '@ws/kernel';
import { ERASED_LABEL, mayDiscloseUnmasked, presentPerson } from './disclosure';

const union = { nodeCode: '330802', streetCode: '330802001' };
const principal = (role: Principal['role'], node = '330802', street?: string): Principal => ({ subject: 'o1', role, node, ...(street ? { street } : {}) });
const readable = { state: 'readable' as const, data: { name: '张三', mobile: '13812345678', idNumber: '11010519491231002X' } };

describe('who sees personal data unmasked', () => {
  it.each([
    ['the district officer of the union’s node', principal('district_officer'), true],
    ['the street officer of the union’s street', principal('street_officer', '330802', '330802001'), true],
    ['a street officer of another street', principal('street_officer', '330802', '330802002'), false],
    ['a street officer without a street', principal('street_officer'), false],
    ['a district officer of another district', principal('district_officer', '330803'), false],
    ['a city officer above the union', principal('city_officer', '3308'), false],
    ['a province officer', principal('province_officer', '33'), false],
    ['a station manager', principal('station_manager'), false],
    ['the public', undefined, false],
  ])('%s: %s', (_who, who, expected) => {
    expect(mayDiscloseUnmasked(who, union)).toBe(expected);
  });

  it('a union without a street is unmasked to its district officers only', () => {
    expect(mayDiscloseUnmasked(principal('street_officer', '330802', '330802001'), { nodeCode: '330802', streetCode: null })).toBe(false);
  });
});

describe('presenting a person', () => {
  it('masks unless allowed', () => {
    expect(presentPerson(readable, false)).toEqual({ name: '张*', mobile: '138****5678', idNumber: '110***********002X', disclosure: 'masked' });
    expect(presentPerson(readable, true)).toEqual({ ...readable.data, disclosure: 'unmasked' });
  });

  it('shows 已注销 for an erased person, even to an officer allowed to see them', () => {
    expect(presentPerson({ state: 'erased' }, true)).toMatchObject({ name: ERASED_LABEL, mobile: null, idNumber: null, disclosure: 'erased' });
    expect(presentPerson(readable, true, true)).toMatchObject({ name: ERASED_LABEL, disclosure: 'erased' });
  });

  it('says the data is held elsewhere at a parent node', () => {
    expect(presentPerson({ state: 'elsewhere' }, true)).toMatchObject({ mobile: null, idNumber: null, disclosure: 'elsewhere' });
  });
});
