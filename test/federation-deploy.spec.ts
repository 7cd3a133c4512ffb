import { parse } from 'yaml';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUS_SERVICES, type BusService, leafUser, serviceUser } from '@ws/messaging';
import { platformConfig } from '@ws/platform';
import {
  CLIENT_CA_FILE,
  CONTAINER,
  CONTAINER_TLS,
  composeFile,
  deploymentFiles,
  leafPasswordVariable,
  natsHost,
  nodeServicePasswordVariable,
  PARENT_LEAF_URL_VARIABLE,
  passwordVariables,
  renderCompose,
  rotationStepOf,
  serviceHost,
  servicePasswordVariable,
  STOP_GRACE_PERIOD,
} from '../tools/deploy-config';
import { childrenOf, FEDERATION, NODE_SERVICES } from '../tools/topology';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | null>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  profiles?: string[];
  stop_grace_period?: string;
}

/** The users a generated nats config declares (each password a variable reference), and the variable of its link to the parent. */
function natsConfigFacts(config: string) {
  const users = [...config.matchAll(/user: "([^"]+)", password: \$([A-Z0-9_]+), allowed_connection_types: \["([A-Z]+)"\]/g)].map(([, user, variable, type]) => ({ user, variable, type }));
  const remote = /url: \$([A-Z0-9_]+)/.exec(config);
  return { users, remote: remote ? { variable: remote[1] } : undefined };
}

const ROOT = join(__dirname, '..');

describe('deploy:config', () => {
  const files = deploymentFiles(FEDERATION);
  const compose = parse(files.get('docker-compose.yml')!) as { services: Record<string, Service>; volumes: Record<string, unknown> };
  const services = compose.services;
  const natsConfig = (code: string) => files.get(`deploy/nats/${code}.conf`)!;

  it('writes one nats config per node of the topology and reads back as the compose model it was made from', () => {
    expect([...files.keys()].sort()).toEqual([...FEDERATION.map((node) => `deploy/nats/${node.code}.conf`), 'docker-compose.yml'].sort());
    expect(parse(renderCompose(composeFile(FEDERATION)))).toEqual(JSON.parse(JSON.stringify(composeFile(FEDERATION))));
  });

  it('runs a nats-server with its own config and store, and the five services, at every node', () => {
    for (const node of FEDERATION) {
      const nats = services[natsHost(node.code)]!;
      expect(nats.volumes?.slice(0, 2)).toEqual([`./deploy/nats/${node.code}.conf:/etc/nats/node.conf:ro`, `${natsHost(node.code)}:${CONTAINER.storeDir}`]);
      expect(compose.volumes).toHaveProperty(natsHost(node.code));
      for (const service of NODE_SERVICES) {
        const app = services[serviceHost(service, node.code)]!;
        expect(app.command).toEqual(['node', `dist/apps/${service}/src/main.js`]);
        expect(app.environment?.['NODE_CODE']).toBe(node.code);
        // Docker waits longer than the service's own grace period before it kills it.
        expect(app.stop_grace_period).toBe(STOP_GRACE_PERIOD);
      }
    }
    expect(Object.keys(services).filter((name) => name.startsWith('nats-'))).toHaveLength(FEDERATION.length);
    expect(Number.parseInt(STOP_GRACE_PERIOD, 10) * 1000).toBeGreaterThan(platformConfig('stations', {}).shutdownGraceMs!);
  });

  it("points every service at its own node's nats-server, and the dashboard at its own node's services", () => {
    for (const [name, service] of Object.entries(services)) {
      const code = service.environment?.['NODE_CODE'];
      if (!code) continue;
      // Its own nats user; the password from the host's environment, never in the file.
      const app = name.slice(0, name.length - code.length - 1) as BusService;
      const variable = nodeServicePasswordVariable(code, app);
      expect(`${name}: ${service.environment?.['NATS_URL']}`).toBe(`${name}: nats://${serviceUser(app)}:\${${variable}:?set ${variable}}@${natsHost(code)}:${CONTAINER.natsPort}`);
      expect(services[natsHost(code)]!.environment).toHaveProperty(servicePasswordVariable(app), `\${${variable}:?set ${variable}}`);
      expect(service.depends_on?.[natsHost(code)]).toEqual({ condition: 'service_healthy' });
    }
    for (const node of FEDERATION) {
      const env = services[serviceHost('dashboard', node.code)]!.environment!;
      for (const app of ['stations', 'membership', 'wishes', 'dispatch', 'notify', 'jobs'] as const) {
        expect(env[`${app.toUpperCase()}_URL`]).toBe(`http://${serviceHost(app, node.code)}:${CONTAINER.httpPort}`);
      }
      expect(env['CHILD_DASHBOARDS']!.split(',').filter(Boolean).map((link) => link.split('=')[0])).toEqual(childrenOf(FEDERATION, node.code).map((child) => child.code));
    }
  });

  it('publishes every port on the host once, and depends only on services and volumes it declares', () => {
    const hostPorts = Object.values(services).flatMap((service) => (service.ports ?? []).map((mapping) => mapping.split(':')[0]));
    expect(hostPorts.length).toBe(FEDERATION.length * NODE_SERVICES.length);
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) expect(`${name} → ${dependency}: ${dependency in services}`).toBe(`${name} → ${dependency}: true`);
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (!source.startsWith('./')) expect(compose.volumes).toHaveProperty(source);
      }
    }
  });

  it('starts the services after the stream bootstrap, which waits for every nats-server and knows each node', () => {
    const bootstrap = services['streams']!;
    expect(Object.keys(bootstrap.depends_on!).sort()).toEqual(FEDERATION.map((node) => natsHost(node.code)).sort());
    // As each node's operator: the password that node's nats-server reads, required.
    for (const node of FEDERATION) expect(bootstrap.environment![`NATS_${node.code}_LOCAL_PASSWORD`]).toBe(`\${NATS_${node.code}_LOCAL_PASSWORD:?set NATS_${node.code}_LOCAL_PASSWORD}`);
    expect(bootstrap.environment).not.toHaveProperty('NATS_LOCAL_PASSWORD');
    expect(bootstrap.environment).not.toHaveProperty('FEDERATION_SECRET');
    const urls = bootstrap.environment!['NODE_NATS_URLS']!.split(',');
    expect(urls).toEqual(FEDERATION.map((node) => `${node.code}=nats://${natsHost(node.code)}:${CONTAINER.natsPort}`));
    for (const node of FEDERATION) {
      expect(services[serviceHost('stations', node.code)]!.depends_on!['streams']).toEqual({ condition: 'service_completed_successfully' });
    }
    const demos = Object.entries(services).filter(([, service]) => service.profiles?.includes('demo'));
    expect(demos.map(([name]) => name).sort()).toEqual(['demo-330402', 'demo-330424', 'demo-330802']);
    for (const [name, demo] of demos) {
      const code = name.replace('demo-', '');
      expect(demo.environment!['NATS_LOCAL_PASSWORD']).toBe(`\${NATS_${code}_LOCAL_PASSWORD:?set NATS_${code}_LOCAL_PASSWORD}`);
    }
  });

  it("links every node to its parent with the password its parent reads from the same variable, for the child's link only", () => {
    for (const node of FEDERATION) {
      const facts = natsConfigFacts(natsConfig(node.code));
      const leafUsers = facts.users.filter((u) => u.type === 'LEAFNODE');
      expect(leafUsers).toEqual(childrenOf(FEDERATION, node.code).map((child) => ({ user: leafUser(child.code), variable: leafPasswordVariable(child.code), type: 'LEAFNODE' })));
      expect(facts.users.filter((u) => u.user === 'local')).toEqual([{ user: 'local', variable: 'NATS_LOCAL_PASSWORD', type: 'STANDARD' }]);
      const nats = services[natsHost(node.code)]!.environment!;
      expect(nats['NATS_LOCAL_PASSWORD']).toBe(`\${NATS_${node.code}_LOCAL_PASSWORD:?set NATS_${node.code}_LOCAL_PASSWORD}`);
      for (const child of childrenOf(FEDERATION, node.code)) {
        expect(nats[leafPasswordVariable(child.code)]).toBe(`\${${leafPasswordVariable(child.code)}:?set ${leafPasswordVariable(child.code)}}`);
      }
      if (!node.parent) {
        expect(facts.remote).toBeUndefined();
        expect(nats).not.toHaveProperty(PARENT_LEAF_URL_VARIABLE);
        continue;
      }
      // compose puts the node's leafnode password (the variable its parent reads) into the URL of its link.
      expect(facts.remote).toEqual({ variable: PARENT_LEAF_URL_VARIABLE });
      const variable = leafPasswordVariable(node.code);
      expect(nats[PARENT_LEAF_URL_VARIABLE]).toBe(`nats-leaf://${leafUser(node.code)}:\${${variable}:?set ${variable}}@${natsHost(node.parent)}:${CONTAINER.leafPort}`);
      expect(services[natsHost(node.parent)]!.environment).toHaveProperty(variable);
    }
  });

  it("declares each service's user with its password read from the environment, and leafnode TLS with the mounted certificates", () => {
    for (const node of FEDERATION) {
      const config = natsConfig(node.code);
      for (const service of NODE_SERVICES) expect(config).toContain(`user: "${serviceUser(service)}", password: $${servicePasswordVariable(service)}, allowed_connection_types: ["STANDARD"]`);
      expect(config).toContain('no_auth_user: "refused"');
      expect(config.match(/ca_file: "([^"]+)"/g)).toEqual(Array(node.parent ? 2 : 1).fill(`ca_file: "${CONTAINER_TLS.caFile}"`));
      expect(config).toContain('verify: true');
      expect(services[natsHost(node.code)]!.volumes).toEqual(expect.arrayContaining([`./deploy/tls/ca.pem:${CONTAINER_TLS.caFile}:ro`, `./deploy/tls/${node.code}:/etc/nats/tls/node:ro`]));
    }
  });

  it("serves every node's clients over TLS with the node's certificate, and gives every container that connects the CA, read-only", () => {
    for (const node of FEDERATION) {
      const config = natsConfig(node.code);
      expect(config.slice(0, config.indexOf('leafnodes {'))).toContain(`tls {\n  cert_file: "${CONTAINER_TLS.certFile}"\n  key_file: "${CONTAINER_TLS.keyFile}"`);
    }
    // Whoever logs in to a nats-server: the services and dashboards (NATS_URL), the stream bootstrap, the demo loaders.
    const clients = Object.entries(services).filter(([name, service]) => service.environment?.['NATS_URL'] || name === 'streams' || name.startsWith('demo-'));
    expect(clients.length).toBe(FEDERATION.length * NODE_SERVICES.length + 1 + 3);
    for (const [name, client] of clients) {
      expect(`${name}: ${client.environment?.['NATS_CA_FILE']}`).toBe(`${name}: ${CLIENT_CA_FILE}`);
      expect(`${name}: ${client.volumes?.filter((volume) => volume.endsWith(`:${CLIENT_CA_FILE}:ro`))}`).toBe(`${name}: ./deploy/tls/ca.pem:${CLIENT_CA_FILE}:ro`);
    }
  });

  it('holds no password: every one is a variable of the host\'s environment, which compose requires', () => {
    for (const [path, content] of files) {
      if (!path.endsWith('.conf')) continue;
      const values = [...content.matchAll(/password:\s*(\S+?),?\s/g)].map(([, value]) => value!);
      expect(values.length).toBeGreaterThan(1);
      for (const value of values) expect(`${path}: ${value}`).toMatch(/: \$[A-Z][A-Z0-9_]*$/);
      expect(content).not.toMatch(/:\/\/[^\s"@]*:[^\s"@]*@/);
    }
    const referenced = new Set([...files.values()].flatMap((content) => [...content.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map(([, name]) => name!)));
    expect([...referenced].sort()).toEqual(passwordVariables(FEDERATION).sort());
    expect(passwordVariables(FEDERATION)).toEqual(expect.arrayContaining(FEDERATION.flatMap((node) => BUS_SERVICES.map((service) => nodeServicePasswordVariable(node.code, service)))));
  });

  it("gives every node its own service and operator passwords: one node's credential opens no other node's server", () => {
    const hostVariable = (value: string) => /^\$\{([A-Z0-9_]+):\?/.exec(value)?.[1];
    const seen = new Map<string, string>();
    for (const node of FEDERATION) {
      const nats = services[natsHost(node.code)]!.environment!;
      for (const name of ['NATS_LOCAL_PASSWORD', ...BUS_SERVICES.map(servicePasswordVariable)]) {
        const variable = hostVariable(nats[name]!)!;
        expect(variable).toContain(node.code);
        expect(`${variable} at ${node.code} and ${seen.get(variable) ?? 'no other node'}`).toBe(`${variable} at ${node.code} and no other node`);
        seen.set(variable, node.code);
      }
      for (const service of NODE_SERVICES) {
        const url = services[serviceHost(service, node.code)]!.environment!['NATS_URL']!;
        expect(url).toContain(`\${${nodeServicePasswordVariable(node.code, service)}:?`);
        expect(hostVariable(nats[servicePasswordVariable(service)]!)).toBe(nodeServicePasswordVariable(node.code, service));
      }
    }
  });

  it('commits no literal password: every password in deploy/nats/*.conf is a $variable, and the compose file has none', () => {
    const committed = readdirSync(join(ROOT, 'deploy', 'nats')).map((name) => join('deploy', 'nats', name));
    expect(committed.length).toBe(FEDERATION.length);
    for (const path of [...committed, 'docker-compose.yml']) {
      const content = readFileSync(join(ROOT, path), 'utf8');
      for (const [, value] of content.matchAll(/password:\s*([^\s,}]+)/g)) expect(`${path}: ${value}`).toMatch(/: \$[A-Z][A-Z0-9_]*$/);
      // No URL with a literal password either (user:password@host); compose's ${VAR:?…} is not one.
      expect(content.replace(/\$\{[A-Z0-9_]+:\?[^}]*\}/g, '')).not.toMatch(/:\/\/[^\s"'/@]*:[^\s"'/@]+@/);
    }
  });

  it('takes one CA rotation step at a time from its command line, and refuses an unknown option', () => {
    expect(rotationStepOf([])).toBeUndefined();
    expect(rotationStepOf(['--rotate-ca'])).toBe('rotate-ca');
    expect(rotationStepOf(['--reissue-certificates'])).toBe('reissue-certificates');
    expect(rotationStepOf(['--retire-old-ca'])).toBe('retire-old-ca');
    expect(() => rotationStepOf(['--rotate-ca', '--retire-old-ca'])).toThrow(/one rotation step at a time/);
    expect(() => rotationStepOf(['--rotate'])).toThrow(/Unknown option/);
  });
});
