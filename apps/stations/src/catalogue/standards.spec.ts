import { FACILITY_CODES, STANDARD_CODES, type FacilityCode } from '@ws/contracts';
import { compliance, sortFacilities, STANDARDS } from './standards';

describe('facility standards', () => {
  it('define every standard code with known facilities and no repeats', () => {
    for (const code of STANDARD_CODES) {
      const { required } = STANDARDS[code];
      expect(STANDARDS[code].code).toBe(code);
      expect(required.every((f) => (FACILITY_CODES as readonly string[]).includes(f))).toBe(true);
      expect(new Set(required).size).toBe(required.length);
    }
  });

  it('have as many required facilities as their names say', () => {
    expect(STANDARDS.liu_you.required).toHaveLength(6);
    expect(STANDARDS.six_plus_x.required).toHaveLength(6);
    expect(STANDARDS.ba_you.required).toHaveLength(8);
    expect(STANDARDS.nine_plus_x.required).toHaveLength(9);
    expect(STANDARDS.ten_plus_x.required).toHaveLength(10);
  });

  it("take 嘉兴's 6+X six: 空调、冰箱、微波炉、饮水机、排插、桌椅", () => {
    expect([...STANDARDS.six_plus_x.required].sort()).toEqual(['air_conditioning', 'charging', 'fridge', 'microwave', 'tables_chairs', 'water_dispenser']);
  });

  it('nest: 八有 contains 六有, 10+X contains 八有', () => {
    expect(STANDARDS.ba_you.required).toEqual(expect.arrayContaining([...STANDARDS.liu_you.required]));
    expect(STANDARDS.ten_plus_x.required).toEqual(expect.arrayContaining([...STANDARDS.ba_you.required]));
  });
});

describe('compliance', () => {
  const six = [...STANDARDS.liu_you.required];

  it('is met when every required facility is present', () => {
    expect(compliance(six, 'liu_you')).toEqual({ compliant: true, missing: [], specialsLacking: 0 });
  });

  it('lists what is missing, in catalogue order, whatever order the station lists its facilities', () => {
    const result = compliance(['tables_chairs', 'fridge', 'microwave'], 'ba_you');
    expect(result.compliant).toBe(false);
    expect(result.missing).toEqual(sortFacilities(['toilet', 'first_aid_kit', 'water_dispenser', 'charging', 'air_conditioning']));
    expect(result.missing[0]).toBe('air_conditioning');
  });

  it('asks a +X standard for one special beyond the required set', () => {
    expect(compliance(six, 'six_plus_x')).toEqual({ compliant: false, missing: [], specialsLacking: 1 });
    expect(compliance([...six, 'battery_swap'], 'six_plus_x').compliant).toBe(true);
  });

  it('counts an offered service as a special (6+X: "再加特色服务")', () => {
    expect(compliance(six, 'six_plus_x', ['tcm_wellness']).compliant).toBe(true);
  });

  it('does not count a required facility as a special, nor a facility listed twice', () => {
    const nine = [...STANDARDS.nine_plus_x.required];
    expect(compliance([...nine, nine[0]!], 'nine_plus_x').specialsLacking).toBe(1);
  });

  it('reports both missing facilities and the lacking special', () => {
    const without: FacilityCode[] = six.filter((f) => f !== 'fridge');
    expect(compliance(without, 'six_plus_x')).toEqual({ compliant: false, missing: ['fridge'], specialsLacking: 1 });
  });
});
