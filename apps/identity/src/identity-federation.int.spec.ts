import { eventually, officerToken } from '@ws/testing';
import { type FederatedNode, ServiceFederation } from '@ws/testing/federation';
import { AccountCommands } from './accounts/account-commands';
import { identityConfig } from './identity.config';
import { IdentityModule } from './identity.module';

const secrets = identityConfig({ IDENTITY_COOKIE_SECRET: 'test-cookie-secret-0123456789abcdef', IDENTITY_VAULT_KEY: 'test-vault-key-0123456789abcdefghij' });

/**
 * A city and one of its districts, each with its own nats-server (leafnode to the city) and
 * identity service: a session the city ends is refused by the district's services too, since the
 * revocation travels down the city's DIR stream into the district's.
 */
describe('identity: a session ended at a city is refused at its district (real nats-servers)', () => {
  const federation = new ServiceFederation({ service: 'identity', module: (config) => IdentityModule.forRoot({ config, identity: secrets }), districts: ['district'] });
  let city: FederatedNode;
  let district: FederatedNode;

  beforeAll(async () => {
    ({ city, districts: { district } } = await federation.start());
  }, 120_000);

  afterAll(async () => {
    await federation.close();
  });

  it('refuses a city officer\'s token at the district once the city revokes its session', async () => {
    const accounts = city.service.app.get(AccountCommands);
    const accountId = await accounts.create({ userName: 'fed_city', displayName: '郑', password: 'Yizhan-2026!', role: 'city_officer', node: city.ref.code }, 'test');
    const token = await officerToken(city.ref.code, { role: 'city_officer', subject: accountId, session: 'fed-session-1' });
    const other = await officerToken(city.ref.code, { role: 'city_officer', subject: accountId, session: 'fed-session-2' });
    const atDistrict = async (bearer: string) => (await district.service.app.inject({ method: 'GET', url: '/accounts?limit=1', headers: { authorization: `Bearer ${bearer}` } })).statusCode;
    expect(await atDistrict(token)).toBe(200);

    await accounts.revoke(accountId, ['fed-session-1'], 'revoked');
    await eventually(async () => (await atDistrict(token)) === 401, { what: 'the district refuses the revoked session', timeoutMs: 30_000 });
    expect(await atDistrict(other)).toBe(200);
  });
});
