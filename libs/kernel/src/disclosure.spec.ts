import type { Principal } from './officer-token';
import { mayDiscloseUnmasked } from './disclosure';

const person = { nodeCode: '330802', streetCode: '330802001' };
const principal = (role: Principal['role'], node = '330802', street?: string): Principal => ({ subject: 'o1', role, node, ...(street ? { street } : {}) });

describe('who sees personal data unmasked', () => {
  it.each([
    ['the district officer of the person’s node', principal('district_officer'), true],
    ['the street officer of the person’s street', principal('street_officer', '330802', '330802001'), true],
    ['a street officer of another street', principal('street_officer', '330802', '330802002'), false],
    ['a street officer without a street', principal('street_officer'), false],
    ['a district officer of another district', principal('district_officer', '330803'), false],
    ['a city officer above the person’s node', principal('city_officer', '3308'), false],
    ['a province officer', principal('province_officer', '33'), false],
    ['a station manager', principal('station_manager'), false],
    ['the public', undefined, false],
  ])('%s: %s', (_who, who, expected) => {
    expect(mayDiscloseUnmasked(who, person)).toBe(expected);
  });

  it('a person without a street (a union of the whole district) is unmasked to its district officers only', () => {
    const districtWide = { nodeCode: '330802', streetCode: null };
    expect(mayDiscloseUnmasked(principal('street_officer', '330802', '330802001'), districtWide)).toBe(false);
    expect(mayDiscloseUnmasked(principal('district_officer'), districtWide)).toBe(true);
  });
});
