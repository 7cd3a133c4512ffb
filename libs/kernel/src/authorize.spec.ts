import { DomainError } from './domain-error';
import { authorize, mayAct, type AccessRequirement } from './authorize';
import type { Principal } from './officer-token';

const as = (principal: Partial<Principal>): Principal => ({ subject: 'p', node: '330802', role: 'district_officer', ...principal });
const refusal = (principal: Principal | undefined, requirement: AccessRequirement) => {
  try {
    authorize(principal, requirement);
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'other';
  }
};

describe('authorize, the one permission check', () => {
  const wish = { station: 'station-1', street: '330802001' };

  it('refuses nobody with 401, a role not listed with 403', () => {
    expect(refusal(undefined, {})).toBe('unauthenticated');
    expect(refusal(as({ role: 'ops_admin' }), { roles: ['district_officer'] })).toBe('forbidden');
    expect(refusal(as({ role: 'ops_admin' }), { roles: ['ops_admin'], node: '330802' })).toBeNull();
  });

  it('lets officers act on their node and below, never above or beside, and an empty node nowhere', () => {
    expect(refusal(as({ node: '3308', role: 'city_officer' }), { node: '330802' })).toBeNull();
    expect(refusal(as({ node: '330802' }), { node: '330802' })).toBeNull();
    expect(refusal(as({ node: '330802' }), { node: '3308' })).toBe('out_of_scope');
    expect(refusal(as({ node: '330803' }), { node: '330802' })).toBe('out_of_scope');
    expect(refusal(as({ node: '' }), { node: '330802' })).toBe('out_of_scope');
  });

  it('lets a station manager act for their station only', () => {
    expect(refusal(as({ role: 'station_manager', station: 'station-1' }), wish)).toBeNull();
    expect(refusal(as({ role: 'station_manager', station: 'station-2' }), wish)).toBe('out_of_scope');
    expect(refusal(as({ role: 'station_manager', station: 'station-1', street: '330802001' }), { street: '330802001' })).toBeNull();
    expect(refusal(as({ role: 'station_manager', station: 'station-1', street: '330802001' }), { street: '330802002' })).toBe('out_of_scope');
    expect(refusal(as({ role: 'station_manager', station: 'station-1' }), { street: '330802002' })).toBeNull();
    expect(refusal(as({ role: 'station_manager', station: 'station-1' }), { street: null })).toBe('out_of_scope');
  });

  it('lets a street officer act for their street only, a district officer for all', () => {
    expect(refusal(as({ role: 'street_officer', street: '330802001' }), wish)).toBeNull();
    expect(refusal(as({ role: 'street_officer', street: '330802002' }), wish)).toBe('out_of_scope');
    expect(refusal(as({ role: 'street_officer', street: '330802001' }), { station: 'station-1' })).toBe('out_of_scope');
    expect(refusal(as({ role: 'street_officer', street: '330802001' }), { street: null })).toBe('out_of_scope');
    expect(refusal(as({ role: 'street_officer' }), wish)).toBe('out_of_scope');
    expect(refusal(as({}), wish)).toBeNull();
    expect(refusal(as({}), { street: null })).toBeNull();
  });

  it('answers yes or no for filters', () => {
    expect(mayAct(as({ role: 'street_officer', street: '330802001' }), { street: '330802001' })).toBe(true);
    expect(mayAct(as({ role: 'street_officer', street: '330802001' }), { street: '330802009' })).toBe(false);
  });

  it('names the field refused', () => {
    expect(() => authorize(as({ role: 'street_officer', street: 'a' }), { street: 'b', field: 'streetCode' })).toThrow(expect.objectContaining({ field: 'streetCode' }));
  });
});
