import { DomainError, Principal } from '@ws/kernel';
import { assertActsFor, isStreetOfNode } from './scope';

const place = { stationId: 'station-1', streetCode: '330802001' };
const as = (principal: Partial<Principal>): Principal => ({ subject: 'p', node: '330802', role: 'street_officer', ...principal });
const refusal = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'other';
  }
};

describe('acting for a place', () => {
  it('lets a station manager act for their station only', () => {
    expect(refusal(() => assertActsFor(as({ role: 'station_manager', station: 'station-1' }), place))).toBeNull();
    expect(refusal(() => assertActsFor(as({ role: 'station_manager', station: 'station-2' }), place))).toBe('out_of_scope');
    expect(refusal(() => assertActsFor(as({ role: 'station_manager', station: 'station-1' }), { streetCode: '330802001' }))).toBe('out_of_scope');
  });

  it('lets a street officer act for their street only, a district officer for all', () => {
    expect(refusal(() => assertActsFor(as({ street: '330802001' }), place))).toBeNull();
    expect(refusal(() => assertActsFor(as({ street: '330802002' }), place))).toBe('out_of_scope');
    expect(refusal(() => assertActsFor(as({}), place))).toBe('out_of_scope');
    expect(refusal(() => assertActsFor(as({ role: 'district_officer' }), place))).toBeNull();
  });

  it('knows the node\'s streets', () => {
    expect(isStreetOfNode('330802001', '330802')).toBe(true);
    expect(isStreetOfNode('330803001', '330802')).toBe(false);
    expect(isStreetOfNode('3308020011', '330802')).toBe(false);
    expect(isStreetOfNode('x1a2b3004', 'x1a2b3')).toBe(true);
    expect(isStreetOfNode('330802.01', '330802')).toBe(false);
  });
});
