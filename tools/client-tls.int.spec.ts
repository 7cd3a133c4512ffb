import { connect as connectTcp } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeRef } from '@ws/contracts';
import { connectNats, serviceInboxPrefix } from '@ws/messaging';
import { type NatsProcess, startNatsServer, testFederationCredentials } from '@ws/testing/service-process';
import { testNodeCode } from '@ws/testing';
import { ensureFederationTls, strangerTls } from './federation-tls';

interface ClientConnection {
  name: string;
  authorized_user?: string;
  tls_version?: string;
}

/** What a client that does not speak TLS gets for its password sent in clear: every byte the server wrote back, once it closed. */
function plaintextLogin(server: NatsProcess, user: string, password: string): Promise<string> {
  const port = Number(new URL(server.plainUrl).port);
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = connectTcp({ host: '127.0.0.1', port });
    socket.setTimeout(10_000, () => socket.destroy(new Error('the server neither answered nor closed')));
    socket.on('data', (chunk: Buffer) => {
      const first = received === '';
      received += chunk.toString('latin1');
      if (first) socket.write(`CONNECT ${JSON.stringify({ user, pass: password, verbose: false, pedantic: false, name: 'plaintext' })}\r\nPING\r\n`);
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
  });
}

/**
 * A node's client port over TLS on a real nats-server: the node's certificate of the federation's
 * CA, which a service checks (NATS_CA_FILE) before it sends its password. A client that speaks
 * plain NATS, one that trusts another CA, and a server that presents a certificate of another CA
 * (a stand-in for the node's server) get nowhere.
 */
describe("a node's client port speaks TLS with the node's certificate", () => {
  const district = nodeRef(testNodeCode());
  const servers: NatsProcess[] = [];
  const password = testFederationCredentials.servicePassword(district.code, 'stations');
  let dir: string;
  let caFile: string;
  let server: NatsProcess;

  /** The server's clients that logged in (a refused handshake may linger a moment as a connection of nobody). */
  const loggedIn = async (at: NatsProcess): Promise<ClientConnection[]> =>
    (((await (await fetch(`${at.monitorUrl}/connz?auth=true`)).json()) as { connections: ClientConnection[] | null }).connections ?? []).filter((client) => client.authorized_user);
  const connectStations = (at: NatsProcess, ca: string | undefined) =>
    connectNats(at.serviceUrl('stations'), `stations@${district.code}`, { inboxPrefix: serviceInboxPrefix(district.code, 'stations'), caFile: ca });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ws-client-tls-'));
    const files = (await ensureFederationTls(dir, [district.code])).get(district.code)!;
    caFile = files.caFile;
    server = await startNatsServer({ node: district, clientTls: files });
    servers.push(server);
  });

  afterAll(async () => {
    for (const started of servers) await started.remove();
    await rm(dir, { recursive: true, force: true });
  });

  it('logs a service in over TLS when it checks the certificate with the CA', async () => {
    const nc = await connectStations(server, caFile);
    try {
      await nc.flush();
      const own = (await loggedIn(server)).find((client) => client.name === `stations@${district.code}`);
      expect(own?.authorized_user).toBe('svc-stations');
      expect(own?.tls_version).toMatch(/^1\.[23]$/);
    } finally {
      await nc.close();
    }
  });

  it('refuses a client that sends its password in plain NATS: no answer, the connection closed, nobody logged in', async () => {
    const answer = await plaintextLogin(server, 'svc-stations', password);
    // The server's greeting says TLS is required; after it, nothing a logged-in client would get.
    expect(answer).toMatch(/^INFO \{.*"tls_required":true/);
    expect(answer).not.toMatch(/PONG|\+OK/);
    expect(await loggedIn(server)).toEqual([]);
  });

  it("refuses a service that trusts another federation's CA, or no CA of its own", async () => {
    const other = (await ensureFederationTls(join(dir, 'other'), [district.code])).get(district.code)!;
    await expect(connectStations(server, other.caFile)).rejects.toThrow(/certificate/i);
    await expect(connectStations(server, undefined)).rejects.toThrow(/certificate/i);
    expect(await loggedIn(server)).toEqual([]);
  });

  it("keeps a service's password from a server whose certificate is not of the federation's CA", async () => {
    const impostor = await startNatsServer({ node: district, clientTls: await strangerTls(join(dir, 'impostor'), district.code, caFile) });
    servers.push(impostor);
    await expect(connectStations(impostor, caFile)).rejects.toThrow(/certificate/i);
    expect(await loggedIn(impostor)).toEqual([]);
  });
});
