import { DomainError } from './domain-error';
import { authorize, listScope, mayAct, type AccessRequirement } from './authorize';
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

describe('listScope, the one check as a list filter', () => {
  const who = (role: Principal['role'], extra: Partial<Principal> = {}): Principal => ({ subject: 's', role, node: '330502', ...extra });

  it('narrows a street officer to their street and a station manager to their station; officers see the node', () => {
    expect(listScope(who('district_officer'))).toEqual({});
    expect(listScope(who('ops_admin'))).toEqual({});
    expect(listScope(who('street_officer', { street: '330502001' }))).toEqual({ street: '330502001' });
    expect(listScope(who('station_manager', { station: 'st-1', street: '330502001' }))).toEqual({ station: 'st-1' });
    expect(listScope(who('street_officer'))).toBe('nothing');
    expect(listScope(who('station_manager'))).toBe('nothing');
  });

  it('agrees with mayAct: what the scope admits the check admits, and what it leaves out the check refuses', () => {
    const rows = [
      { street: '330502001', station: 'st-1' },
      { street: '330502002', station: 'st-2' },
      { street: null, station: undefined },
    ];
    const principals = [who('district_officer'), who('street_officer', { street: '330502001' }), who('station_manager', { station: 'st-2' })];
    for (const principal of principals) {
      const scope = listScope(principal);
      for (const row of rows) {
        const inScope = scope !== 'nothing' && (scope.street === undefined || row.street === scope.street) && (scope.station === undefined || row.station === scope.station);
        expect([principal.role, row, mayAct(principal, { street: row.street, ...(row.station ? { station: row.station } : {}) })]).toEqual([principal.role, row, inScope]);
      }
    }
  });
});
