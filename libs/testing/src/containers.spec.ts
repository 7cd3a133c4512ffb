import { containersRequested } from './containers';

describe('the optional testcontainers path', () => {
  it('runs only when TESTCONTAINERS asks for it', () => {
    expect(containersRequested({})).toBe(false);
    expect(containersRequested({ TESTCONTAINERS: '0' })).toBe(false);
    expect(containersRequested({ TESTCONTAINERS: '1' })).toBe(true);
    expect(containersRequested({ TESTCONTAINERS: 'true' })).toBe(true);
  });
});
