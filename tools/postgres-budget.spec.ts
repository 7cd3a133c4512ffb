import { checkConnectionBudget, plannedConnections } from './postgres-budget';

const NPM_START = { nodes: 6, servicesPerNode: 7, poolPerService: 1 };
const DEFAULT_SERVER = { max: 100, reserved: 3, used: 0 };

describe('the Postgres connection budget of a launch', () => {
  it('counts each service’s pool and session connection, and the launcher’s own', () => {
    // 6 × 7 × 2 + 6 + 1
    expect(plannedConnections(NPM_START)).toBe(91);
  });

  it('lets npm start’s six nodes into a default Postgres (max_connections 100)', () => {
    expect(checkConnectionBudget(NPM_START, DEFAULT_SERVER)).toEqual({ planned: 91, allowed: 97 });
  });

  it('refuses a launch that cannot fit even an idle server, saying how many and what to change', () => {
    const verdict = checkConnectionBudget({ ...NPM_START, poolPerService: 2 }, DEFAULT_SERVER);
    expect(verdict.planned).toBe(133);
    expect(verdict.refusal).toMatch(/needs up to 133 .*allows 97 \(max_connections 100 − 3 reserved\).*PG_POOL_MAX/);
  });

  it('counts the reserved slots: a plan that fits max_connections but not what is left is refused', () => {
    expect(checkConnectionBudget(NPM_START, { max: 92, reserved: 3, used: 0 }).refusal).toBeDefined();
    expect(checkConnectionBudget(NPM_START, { max: 94, reserved: 3, used: 0 }).refusal).toBeUndefined();
  });

  it('only warns when it fits the server but not beside the connections others hold now', () => {
    const verdict = checkConnectionBudget(NPM_START, { ...DEFAULT_SERVER, used: 20 });
    expect(verdict.refusal).toBeUndefined();
    expect(verdict.warning).toMatch(/20 of the 97 allowed are in use/);
  });
});
