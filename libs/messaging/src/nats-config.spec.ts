import { nodeRef } from '@ws/contracts';
import { leafPermissions, renderNatsConfig } from './nats-config';
import { BUS_SERVICES, servicePermissions } from './service-permissions';
import { DEV_FEDERATION_SECRET, FederationCredentials, federationSecret, operatorCredentials } from './nats-config-credentials';

describe('renderNatsConfig', () => {
  const district = nodeRef('330802', '柯城区');

  it('gives a child node its domain, store and a leafnode remote with its credentials that lets no core event or directive through', () => {
    const config = renderNatsConfig({
      node: district,
      port: 4222,
      leafPort: 7422,
      storeDir: '/data/js',
      domain: 'n330802',
      parentLeafUrl: 'nats-leaf://city.example:7422',
      parentCredentials: { user: 'leaf-n330802', password: 's3cret' },
      localPassword: 'local-pw',
      httpPort: 8222,
    });
    expect(config).toContain('server_name: "n330802"');
    expect(config).toContain('port: 4222');
    expect(config).toContain('http_port: 8222');
    expect(config).toMatch(/jetstream \{\s+store_dir: "\/data\/js"\s+domain: "n330802"\s+\}/);
    expect(config).toMatch(/leafnodes \{\s+host: "0.0.0.0"\s+port: 7422\s+remotes: \[/);
    expect(config).toContain('url: "nats-leaf://leaf-n330802:s3cret@city.example:7422"');
    expect(config).toContain('deny_imports: ["evt.>", "dir.>"]');
    expect(config).toContain('deny_exports: ["evt.>", "dir.>"]');
    // A district has no children: its only user is the local one, which no leafnode may use; no anonymous user.
    // Without credentials, a connection is the `refused` user, which may connect only over MQTT (not served).
    expect(config).toContain('no_auth_user: "refused"');
    expect(config).toContain('{ user: "refused", allowed_connection_types: ["MQTT"] }');
    expect(config).toContain('{ user: "local", password: "local-pw", allowed_connection_types: ["STANDARD"] }');
    expect(config).not.toContain('leaf-n330802", password');
  });

  it('has no remote at a province, and a leafnode-only user per child', () => {
    const config = renderNatsConfig({
      node: nodeRef('33', '浙江省'),
      port: 4222,
      leafPort: 7422,
      storeDir: '/data',
      domain: 'n33',
      localPassword: 'pw',
      children: [
        { code: '3308', password: 'pw-3308', subtree: ['3308', '330802'] },
        { code: '3304', password: 'pw-3304' },
      ],
    });
    expect(config).not.toContain('remotes');
    expect(config).not.toContain('http_port');
    expect(config).toContain('port: 7422');
    expect(config).toContain('user: "leaf-n3308", password: "pw-3308", allowed_connection_types: ["LEAFNODE"]');
    expect(config).toContain('user: "leaf-n3304", password: "pw-3304", allowed_connection_types: ["LEAFNODE"]');
    expect(config).toContain('"pii.330802.membership.handover", "_INBOX.n3308.>", "_INBOX.n330802.>"');
  });

  it('refers to environment variables for the local and leafnode passwords and the link to the parent, when asked (a committed config)', () => {
    const config = renderNatsConfig({
      node: nodeRef('3308', '衢州市'),
      port: 4222,
      leafPort: 7422,
      storeDir: '/data',
      domain: 'n3308',
      localPassword: { env: 'NATS_LOCAL_PASSWORD' },
      children: [{ code: '330802', password: { env: 'NATS_LEAF_330802_PASSWORD' } }],
      parentLeafUrl: { env: 'NATS_PARENT_LEAF_URL' },
    });
    expect(config).toContain('{ user: "local", password: $NATS_LOCAL_PASSWORD, allowed_connection_types: ["STANDARD"] }');
    expect(config).toContain('user: "leaf-n330802", password: $NATS_LEAF_330802_PASSWORD, allowed_connection_types: ["LEAFNODE"]');
    expect(config).toContain('url: $NATS_PARENT_LEAF_URL');
    expect(config).not.toMatch(/password: "/);
    expect(() => renderNatsConfig({ node: district, port: 1, leafPort: 2, storeDir: '/d', domain: 'n330802', localPassword: { env: 'not a name' } })).toThrow('not an environment variable name');
  });
});

describe('leafPermissions', () => {
  const permissions = leafPermissions('n3308', { code: '330802', password: 'x' });

  it("lets a district send up only its own deliveries, API answers, flow control, handover requests and replies, and ask only for the parent's directives", () => {
    expect(permissions.publish.sort()).toEqual(
      ['$JS.n3308.API.CONSUMER.CREATE.DIR.>', '$JSC.R.*', 'fed.n330802.evt.>', '$JS.FC.DIR.>', 'pii.*.membership.handover', '_INBOX.>'].sort(),
    );
    expect(permissions.publish.some((subject) => subject.startsWith('evt.') || subject.startsWith('dir.'))).toBe(false);
  });

  it('lets down to a district only what is addressed to it', () => {
    expect(permissions.subscribe.sort()).toEqual(
      ['$JS.n330802.API.>', '$JSC.R.*', '$JS.S.*', '$JS.FC.EVT.>', 'pii.330802.membership.handover', '_INBOX.n330802.>'].sort(),
    );
  });
});

describe('FederationCredentials', () => {
  it('derives the same password for a node from the same secret, and different ones otherwise', () => {
    const a = new FederationCredentials('secret-a');
    expect(a.leaf('330802')).toEqual(new FederationCredentials('secret-a').leaf('330802'));
    expect(a.leaf('330802').user).toBe('leaf-n330802');
    expect(a.leaf('330802').password).toMatch(/^[0-9a-f]{32}$/);
    expect(a.leaf('330802').password).not.toBe(a.leaf('330424').password);
    expect(a.leaf('330802').password).not.toBe(new FederationCredentials('secret-b').leaf('330802').password);
    expect(a.localPassword('330802')).not.toBe(a.leaf('330802').password);
  });

  it('takes FEDERATION_SECRET from the environment, the development secret otherwise', () => {
    expect(federationSecret({ FEDERATION_SECRET: 'prod' })).toEqual({ secret: 'prod', isDevDefault: false });
    expect(federationSecret({})).toEqual({ secret: DEV_FEDERATION_SECRET, isDevDefault: true });
  });

  it("gives a deployment's tools the node's operator with NATS_LOCAL_PASSWORD, derived from FEDERATION_SECRET without it", () => {
    expect(operatorCredentials('3308', { NATS_LOCAL_PASSWORD: 'p-local' })).toEqual({ user: 'local', password: 'p-local' });
    expect(operatorCredentials('3308', { FEDERATION_SECRET: 'secret-a' })).toEqual(new FederationCredentials('secret-a').local('3308'));
  });
});

describe('service users', () => {
  const district = nodeRef('330802', '柯城区');
  const config = renderNatsConfig({
    node: district,
    port: 4222,
    leafPort: 7422,
    storeDir: '/data',
    domain: 'n330802',
    localPassword: 'pw',
    services: [
      { service: 'stations', password: 'stations-pw' },
      { service: 'membership', password: { env: 'NATS_MEMBERSHIP_PASSWORD' } },
    ],
    leafTls: { caFile: '/tls/ca.pem', certFile: '/tls/node.pem', keyFile: '/tls/node-key.pem' },
    clientTls: { certFile: '/tls/node.pem', keyFile: '/tls/node-key.pem' },
  });

  it('declares a user per service, a password from the environment as a reference nats-server resolves, and leafnode TLS that verifies its children', () => {
    expect(config).toContain('user: "svc-stations", password: "stations-pw", allowed_connection_types: ["STANDARD"]');
    expect(config).toContain('user: "svc-membership", password: $NATS_MEMBERSHIP_PASSWORD, allowed_connection_types: ["STANDARD"]');
    expect(config).toMatch(/leafnodes \{[^]*tls \{\s+cert_file: "\/tls\/node.pem"\s+key_file: "\/tls\/node-key.pem"\s+ca_file: "\/tls\/ca.pem"\s+verify: true/);
  });

  it('serves its clients over TLS with the node certificate, asking them for none (they log in with their password)', () => {
    const client = config.slice(0, config.indexOf('leafnodes {'));
    expect(client).toMatch(/^tls \{\n  cert_file: "\/tls\/node.pem"\n  key_file: "\/tls\/node-key.pem"\n  timeout: 5\n\}$/m);
    expect(client).not.toContain('verify');
    expect(renderNatsConfig({ node: district, port: 4222, leafPort: 7422, storeDir: '/data', domain: 'n330802', localPassword: 'pw' })).not.toMatch(/^tls \{/m);
  });

  it("lets a service publish only its own context's events and directives of its own node", () => {
    for (const service of BUS_SERVICES) {
      const own = servicePermissions(district, service).publish.filter((subject) => subject.startsWith('evt.') || subject.startsWith('dir.'));
      expect(own).toEqual(service === 'dashboard' ? [] : [`evt.33.3308.330802.${service}.>`, `dir.33.3308.330802.${service}.>`]);
    }
  });

  it('gives no service the JetStream API to change, purge or delete a stream, nor another stream than EVT and DIR', () => {
    for (const service of BUS_SERVICES) {
      const api = servicePermissions(district, service).publish.filter((subject) => subject.startsWith('$JS.'));
      expect(api.filter((subject) => /STREAM\.(CREATE|UPDATE|DELETE|PURGE)|\$JS\.API\.>/.test(subject))).toEqual([]);
      expect(api.filter((subject) => !['$JS.API.INFO', '$JS.API.STREAM.NAMES'].includes(subject) && !/\.(EVT|DIR)(\.|$)/.test(subject))).toEqual([]);
    }
  });

  it('lets the owners of contacts answer notify, notify ask them, and only membership take handover requests', () => {
    expect(servicePermissions(district, 'notify').publish).toEqual(expect.arrayContaining(['pii.330802.membership.contact', 'pii.330802.wishes.recipient', 'pii.330802.dispatch.contact']));
    expect(servicePermissions(district, 'wishes').subscribe).toEqual(['_INBOX.n330802.wishes.>', 'pii.330802.wishes.contact', 'pii.330802.wishes.recipient', 'report.330802.wishes.figures']);
    expect(servicePermissions(district, 'membership').subscribe).toContain('pii.330802.membership.handover');
    expect(BUS_SERVICES.filter((service) => servicePermissions(district, service).subscribe.includes('pii.330802.membership.handover'))).toEqual(['membership']);
    expect(servicePermissions(district, 'stations').allowResponses).toBe(false);
    expect(servicePermissions(district, 'dispatch').allowResponses).toBe(true);
  });
});
