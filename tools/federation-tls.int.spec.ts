import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handoverSubject, nodeRef } from '@ws/contracts';
import { connectNats, nodeInboxPrefix } from '@ws/messaging';
import { type NatsProcess, startNatsServer, testFederationCredentials } from '@ws/testing/service-process';
import { eventually, testNodeCode } from '@ws/testing';
import * as x509 from '@peculiar/x509';
import { CA_RENEW_BEFORE_DAYS } from './ca-rotation';
import { caRotationPhase, ensureFederationTls, leafTlsFilesOf, RENEW_BEFORE_DAYS, strangerTls } from './federation-tls';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The launcher's leafnode TLS on real nats-servers: a city whose leafnode listener requires a
 * certificate of the federation's CA, a district with one, and two servers that know a district's
 * password but have no such certificate (one of another CA, one without TLS).
 */
describe('leafnode links over TLS with the federation CA', () => {
  const district = nodeRef(testNodeCode());
  const city = nodeRef(district.code.slice(0, 4));
  const servers: NatsProcess[] = [];
  let dir: string;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function start(options: Parameters<typeof startNatsServer>[0]): Promise<NatsProcess> {
    const server = await startNatsServer(options);
    servers.push(server);
    return server;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ws-tls-'));
  });

  afterAll(async () => {
    for (const server of servers.reverse()) await server.remove();
    await rm(dir, { recursive: true, force: true });
  });

  it("links a child with a certificate of the CA, and refuses one of another CA or without TLS though it has the child's password", async () => {
    const files = await ensureFederationTls(dir, [city.code, district.code]);
    const credentials = testFederationCredentials.leaf(district.code);
    const parent = await start({ node: city, leafTls: files.get(city.code)!, children: [{ code: district.code, password: credentials.password }] });

    const stranger = await start({
      node: district,
      domain: 'stranger',
      parentLeafUrl: parent.leafUrl,
      parentCredentials: credentials,
      leafTls: await strangerTls(join(dir, 'stranger'), district.code, files.get(city.code)!.caFile),
    });
    const plain = await start({ node: district, domain: 'plain', parentLeafUrl: parent.leafUrl, parentCredentials: credentials });
    const child = await start({ node: district, parentLeafUrl: parent.leafUrl, parentCredentials: credentials, leafTls: files.get(district.code)! });
    await child.waitForLinks(1);

    // Traffic crosses the TLS link: a handover request from the city to the district, answered.
    const atDistrict = await connectNats(child.url, 'tls spec district', { inboxPrefix: nodeInboxPrefix(district.code) });
    const atCity = await connectNats(parent.url, 'tls spec city', { inboxPrefix: nodeInboxPrefix(city.code) });
    try {
      atDistrict.subscribe(handoverSubject(district.code), { callback: (_error, message) => void message.respond('over tls') });
      await atDistrict.flush();
      const answer = await eventually(async () => (await atCity.request(handoverSubject(district.code), '{}', { timeout: 2000 })).string(), {
        what: 'an answer across the TLS link',
        timeoutMs: 20_000,
      });
      expect(answer).toBe('over tls');
    } finally {
      await atDistrict.close();
      await atCity.close();
    }

    // Both others retry every second; give them a few tries, during which nothing may link.
    await pause(4000);
    expect(await parent.leafLinks()).toBe(1);
    expect(await stranger.leafLinks()).toBe(0);
    expect(await plain.leafLinks()).toBe(0);
  }, 120_000);

  it('keeps the CA and the certificates it made, and makes one for a node added later', async () => {
    const first = await ensureFederationTls(dir, [city.code]);
    const again = await ensureFederationTls(dir, [city.code, `${city.code}zz`]);
    expect(again.get(city.code)).toEqual(first.get(city.code));
    expect(again.get(`${city.code}zz`)?.certFile).toContain(`${city.code}zz`);
  });

  it('makes a node certificate anew when it nears its end or is not the CA\'s, and keeps it otherwise', async () => {
    const [files] = (await ensureFederationTls(dir, [city.code])).values();
    const pem = () => readFileSync(files!.certFile, 'utf8');
    const endOf = () => new x509.X509Certificate(pem()).notAfter.getTime();
    const issued = pem();
    const end = endOf();
    // Still more than the window away: the same certificate.
    await ensureFederationTls(dir, [city.code], new Date(end - (RENEW_BEFORE_DAYS + 1) * DAY_MS));
    expect(pem()).toBe(issued);
    // Inside the window (as a start 30 days before the end would find it): a new one, valid from now on.
    const later = new Date(end - (RENEW_BEFORE_DAYS - 1) * DAY_MS);
    await ensureFederationTls(dir, [city.code], later);
    expect(pem()).not.toBe(issued);
    expect(endOf()).toBeGreaterThan(end - RENEW_BEFORE_DAYS * DAY_MS);
    // A certificate of another CA in the node's place (copied from a stranger): replaced by one of the federation's.
    const stranger = await strangerTls(join(dir, 'elsewhere'), city.code, join(dir, 'tls', 'ca.pem'));
    writeFileSync(files!.certFile, readFileSync(stranger.certFile));
    writeFileSync(files!.keyFile, readFileSync(stranger.keyFile));
    await ensureFederationTls(dir, [city.code]);
    const ca = new x509.X509Certificate(readFileSync(join(dir, 'tls', 'ca.pem'), 'utf8'));
    expect(await new x509.X509Certificate(pem()).verify({ publicKey: ca.publicKey, signatureOnly: true })).toBe(true);
  });

  it("rotates the CA with the nodes restarted one by one: old and new certificates link while both CAs are trusted, the old one is refused once its CA is retired", async () => {
    const rotation = join(dir, 'rotation');
    const a = district;
    const b = nodeRef(`${city.code}zz`);
    const codes = [city.code, a.code, b.code];
    const step = (name: 'rotate-ca' | 'reissue-certificates' | 'retire-old-ca') => ensureFederationTls(rotation, codes, new Date(), { step: name });
    const files = (code: string) => leafTlsFilesOf(rotation, code);
    const trusted = () => x509.PemConverter.decode(readFileSync(files(city.code).caFile, 'utf8')).map((der) => new x509.X509Certificate(der));
    const isOf = async (code: string, ca: x509.X509Certificate) =>
      new x509.X509Certificate(readFileSync(files(code).certFile, 'utf8')).verify({ publicKey: ca.publicKey, signatureOnly: true });
    const restart = async (server: NatsProcess) => {
      await server.stop();
      await server.start();
    };
    await ensureFederationTls(rotation, codes);
    const [oldCa] = trusted();
    const leaf = (code: string) => testFederationCredentials.leaf(code);
    const parent = await start({ node: city, leafTls: files(city.code), children: [a, b].map(({ code }) => ({ code, password: leaf(code).password })) });
    const child = (node: typeof a) => start({ node, parentLeafUrl: parent.leafUrl, parentCredentials: leaf(node.code), leafTls: files(node.code) });
    const [childA, childB] = [await child(a), await child(b)];
    await parent.waitForLinks(2);

    // Step 1: a new CA beside the old; certificates stay. The city restarts first, trusting both:
    // A and B, not restarted yet (trusting the old CA alone), still link; then each restarts.
    await step('rotate-ca');
    const [newCa, stillTrusted] = trusted();
    expect(stillTrusted?.toString('pem')).toBe(oldCa!.toString('pem'));
    expect(caRotationPhase(rotation)).toBe('trusting-both');
    expect(await isOf(a.code, oldCa!)).toBe(true);
    await restart(parent);
    await parent.waitForLinks(2);
    for (const server of [childA, childB]) {
      await restart(server);
      await server.waitForLinks(1);
    }

    // Step 2: every certificate anew under the new CA. B restarts, then the city: A still runs the
    // old CA's certificate, B and the city the new one's, and both children link.
    await step('reissue-certificates');
    for (const code of codes) expect(await isOf(code, newCa!)).toBe(true);
    await restart(childB);
    await childB.waitForLinks(1);
    await restart(parent);
    await parent.waitForLinks(2);

    // Step 3 (too early for A): the old CA leaves the trust file. B restarts, then the city: B
    // links, A — still on the old CA's certificate — is refused until it restarts too.
    await step('retire-old-ca');
    expect(trusted().map((ca) => ca.toString('pem'))).toEqual([newCa!.toString('pem')]);
    expect(caRotationPhase(rotation)).toBe('settled');
    await restart(childB);
    await childB.waitForLinks(1);
    await restart(parent);
    await parent.waitForLinks(1);
    // A retries every second; give it a few tries, during which it may not link.
    await pause(4000);
    expect(await parent.leafLinks()).toBe(1);
    expect(await childA.leafLinks()).toBe(0);
    await restart(childA);
    await childA.waitForLinks(1);
    expect(await parent.leafLinks()).toBe(2);
  }, 180_000);

  it('begins a rotation by itself once the CA nears its end (deploy:config), and replaces it at once when every node restarts together (npm start)', async () => {
    const near = async (where: string) => {
      const [files] = (await ensureFederationTls(where, [city.code])).values();
      const caEnd = new x509.X509Certificate(readFileSync(files!.caFile, 'utf8')).notAfter.getTime();
      return { files: files!, pem: () => readFileSync(files!.certFile, 'utf8'), cas: () => x509.PemConverter.decode(readFileSync(files!.caFile, 'utf8')).length, at: new Date(caEnd - (CA_RENEW_BEFORE_DAYS - 1) * DAY_MS) };
    };
    const rolling = await near(join(dir, 'rolling'));
    // Node certificates are renewed along the way (825 days each): the one of two days before is kept.
    await ensureFederationTls(join(dir, 'rolling'), [city.code], new Date(rolling.at.getTime() - 2 * DAY_MS));
    expect(caRotationPhase(join(dir, 'rolling'))).toBe('settled');
    const issued = rolling.pem();
    await ensureFederationTls(join(dir, 'rolling'), [city.code], rolling.at);
    expect(caRotationPhase(join(dir, 'rolling'))).toBe('trusting-both');
    expect(rolling.cas()).toBe(2);
    expect(rolling.pem()).toBe(issued);

    const together = await near(join(dir, 'together'));
    const before = together.pem();
    await ensureFederationTls(join(dir, 'together'), [city.code], together.at, { allAtOnce: true });
    expect(caRotationPhase(join(dir, 'together'))).toBe('settled');
    expect(together.cas()).toBe(1);
    expect(together.pem()).not.toBe(before);
  });
});
