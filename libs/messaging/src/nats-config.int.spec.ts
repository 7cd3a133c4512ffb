import { randomUUID } from 'node:crypto';
import { jetstream, JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { directiveSubject, nodeRef, type NodeRef } from '@ws/contracts';
import { eventually, testNodeCode } from '@ws/testing';
import { connectNats, natsConnectOptions } from './connection';
import { leafUser, nodeInboxPrefix } from './nats-config';
import { JetStreamPublisher, OutboxMessageLike } from './publisher';
import { ensureNodeStreams, NodeStreamsOptions } from './streams';
import { NatsProcess, startNatsServer, testFederationCredentials } from '@ws/testing/service-process';
import { sampleMessages, SAMPLE_CONTEXT } from './testing/sample-events';

/**
 * The leafnode accounts and permissions of renderNatsConfig on the real nats-server: a province,
 * two cities, three districts, each with its own server and JetStream domain, every link
 * authenticated with the child's own user. Then servers that try what a child must not.
 */
describe('federation with leafnode users and permissions', () => {
  const d1 = nodeRef(testNodeCode());
  const province = nodeRef(d1.code.slice(0, 2));
  const c1 = nodeRef(d1.code.slice(0, 4));
  const d2 = nodeRef(`${c1.code}${d1.code.slice(4) === 'zz' ? 'zy' : 'zz'}`);
  const c2 = nodeRef(`${province.code}${c1.code.slice(2) === 'zz' ? 'zy' : 'zz'}`);
  const d3 = nodeRef(`${c2.code}aa`);
  const servers = new Map<string, NatsProcess>();
  const connections = new Map<string, NatsConnection>();
  const extra: NatsProcess[] = [];
  const extraConnections: NatsConnection[] = [];

  const server = (node: NodeRef) => servers.get(node.code)!;
  const nc = (node: NodeRef) => connections.get(node.code)!;
  const jsm = (node: NodeRef): Promise<JetStreamManager> => jetstreamManager(nc(node));
  const messagesIn = async (node: NodeRef, stream: string) => (await (await jsm(node)).streams.info(stream)).state.messages;
  /** Leafnode links of a server, either end (2.9's /leafz does not name the other server). */
  const links = async (of: NatsProcess) => ((await (await fetch(`${of.monitorUrl}/leafz`)).json()) as { leafnodes: number }).leafnodes;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** The count once every source of the node's EVT reports no lag, and it is still `expected`. */
  async function settledCount(node: NodeRef, expected: number): Promise<number> {
    await eventually(async () => (await messagesIn(node, 'EVT')) >= expected, { what: `${expected} events at ${node.code}`, timeoutMs: 60_000 });
    const info = await eventually(async () => {
      const info = await (await jsm(node)).streams.info('EVT');
      return (info.sources ?? []).every((s) => s.lag === 0) && info;
    }, { what: `every source of ${node.code} without lag` });
    return info.state.messages;
  }

  /** A server below `parent` that is not one of the federation's nodes, presenting `credentials`. */
  async function outsider(parent: NodeRef, credentials: { user: string; password: string } | null, name: string): Promise<NatsProcess> {
    const started = await startNatsServer({ node: nodeRef(d1.code), domain: name, parentLeafUrl: server(parent).leafUrl, parentCredentials: credentials, parentDeny: [] });
    extra.push(started);
    return started;
  }

  beforeAll(async () => {
    const tree: Array<[NodeRef, NodeRef | undefined, NodeStreamsOptions]> = [
      [province, undefined, { children: [{ code: c1.code }, { code: c2.code }] }],
      [c1, province, { parent: { code: province.code }, children: [{ code: d1.code }, { code: d2.code }] }],
      [c2, province, { parent: { code: province.code }, children: [{ code: d3.code }] }],
      [d1, c1, { parent: { code: c1.code } }],
      [d2, c1, { parent: { code: c1.code } }],
      [d3, c2, { parent: { code: c2.code } }],
    ];
    for (const [node, parent] of tree) {
      servers.set(node.code, await startNatsServer({ node, ...(parent ? { parentLeafUrl: server(parent).leafUrl } : {}) }));
    }
    for (const [node] of tree) connections.set(node.code, await connectNats(server(node).url, `leafnode spec ${node.code}`, { inboxPrefix: nodeInboxPrefix(node.code) }));
    // Children first: a parent's source needs the child's stream.
    for (const [node, , options] of [...tree].reverse()) await ensureNodeStreams(await jsm(node), node, options);
  }, 120_000);

  afterAll(async () => {
    for (const connection of [...connections.values(), ...extraConnections]) await connection.close().catch(() => undefined);
    for (const started of [...extra, ...servers.values()]) await started.remove();
  });

  it('federates with each child logged in as its own user: events up exactly once, directives down', async () => {
    expect(await links(server(province))).toBe(2);
    expect(await links(server(c1))).toBe(3);
    for (const district of [d1, d2, d3]) expect(await links(server(district))).toBe(1);

    await new JetStreamPublisher(jetstream(nc(d1))).publishBatch(sampleMessages(d1, 600));
    await new JetStreamPublisher(jetstream(nc(d2))).publishBatch(sampleMessages(d2, 300));
    await new JetStreamPublisher(jetstream(nc(d3))).publishBatch(sampleMessages(d3, 100));
    await new JetStreamPublisher(jetstream(nc(c1))).publishBatch(sampleMessages(c1, 1));

    expect(await settledCount(c1, 901)).toBe(901);
    expect(await settledCount(c2, 100)).toBe(100);
    expect(await settledCount(province, 1001)).toBe(1001);

    const fromProvince = directive(province);
    const fromCity = directive(c1);
    await new JetStreamPublisher(jetstream(nc(province))).publishBatch([fromProvince]);
    await new JetStreamPublisher(jetstream(nc(c1))).publishBatch([fromCity]);
    await eventually(async () => (await messagesIn(d1, 'DIR')) >= 2, { what: `both directives on ${d1.code}'s DIR` });
    await eventually(async () => (await messagesIn(d3, 'DIR')) >= 1, { what: `the province's directive on ${d3.code}'s DIR` });
    const atDistrict = await jsm(d1);
    expect((await atDistrict.streams.getMessage('DIR', { last_by_subj: fromProvince.subject }))?.header.get('Nats-Msg-Id')).toBe(fromProvince.eventId);
    expect((await atDistrict.streams.getMessage('DIR', { last_by_subj: fromCity.subject }))?.header.get('Nats-Msg-Id')).toBe(fromCity.eventId);
    expect(await messagesIn(d3, 'DIR')).toBe(1);
  }, 180_000);

  it('routes a core request from a district to a district of another city through the province, and its reply back', async () => {
    const responder = nc(d1).subscribe(`pii.${d1.code}.membership.handover`, { callback: (_error, message) => void message.respond(`from ${d1.code}`) });
    await nc(d1).flush();
    const reply = await eventually(async () => (await nc(d3).request(`pii.${d1.code}.membership.handover`, '{}', { timeout: 2000 })).string(), {
      what: `an answer from ${d1.code} to ${d3.code}'s handover request`,
    });
    responder.unsubscribe();
    expect(reply).toBe(`from ${d1.code}`);
  }, 60_000);

  it('refuses a leafnode with a wrong password, without credentials, or with a user of another child', async () => {
    const wrong = await outsider(c1, { user: leafUser(d1.code), password: 'not-the-password' }, 'wrongpass');
    const none = await outsider(c1, null, 'nocreds');
    const elsewhere = await outsider(c1, testFederationCredentials.leaf(d3.code), 'otherchild');
    // Nothing may link during these 4 s: the refused leafnodes keep retrying and must stay out.
    await pause(4000);
    // The city's parent and its two districts only.
    expect(await links(server(c1))).toBe(3);
    for (const refused of [wrong, none, elsewhere]) expect(await links(refused)).toBe(0);
  }, 60_000);

  it('does not take a child link user as a client, and takes no client with a wrong password', async () => {
    const asLeafUser = connect({ servers: server(c1).plainUrl, ...credentialsOf(d1), reconnect: false });
    await expect(asLeafUser).rejects.toThrow(/Authorization/i);
    const wrongLocal = connect({ servers: server(c1).plainUrl, user: 'local', pass: 'wrong', reconnect: false });
    await expect(wrongLocal).rejects.toThrow(/Authorization/i);
  });

  it('logs a service in with the credentials of its NATS_URL', async () => {
    const port = new URL(server(c1).url).port;
    const local = await connectNats(`nats://local:${testFederationCredentials.localPassword(c1.code)}@127.0.0.1:${port}`, 'url credentials');
    await local.close();
    await expect(connectNats(`nats://local:wrong@127.0.0.1:${port}`, 'wrong url credentials')).rejects.toThrow(/Authorization/i);
  });

  describe("a server logged in with a district's credentials but keeping nothing back", () => {
    let rogue: NatsProcess;
    let rogueNc: NatsConnection;

    beforeAll(async () => {
      rogue = await outsider(c1, testFederationCredentials.leaf(d1.code), 'rogue');
      await eventually(async () => (await links(rogue)) === 1, { what: "the rogue's leafnode link" });
      rogueNc = await connect(natsConnectOptions(rogue.url));
      extraConnections.push(rogueNc);
    }, 60_000);

    it("cannot publish another node's events, directives or deliveries, nor use another node's JetStream API", async () => {
      const heardAtCity: string[] = [];
      const listener = nc(c1).subscribe('>', { callback: (_error, message) => void heardAtCity.push(message.subject) });
      await nc(c1).flush();
      const cityEvents = await messagesIn(c1, 'EVT');
      const cityDirectives = await messagesIn(c1, 'DIR');
      const siblingEvents = await messagesIn(d2, 'EVT');
      const cityConsumers = (await (await jsm(c1)).streams.info('EVT')).state.consumer_count;

      const forged = sampleMessages(d2, 1)[0]!;
      const attempts = [
        forged.subject,
        directiveSubject(c1, SAMPLE_CONTEXT, 'TargetSet', randomUUID()),
        `fed.n${d2.code}.evt.S.forged`,
      ];
      for (const subject of attempts) rogueNc.publish(subject, forged.payload);
      const apiAttempts = [
        `$JS.n${d2.code}.API.STREAM.DELETE.EVT`,
        `$JS.n${c1.code}.API.STREAM.PURGE.EVT`,
        `$JS.n${c1.code}.API.CONSUMER.CREATE.EVT.spy.${'evt.>'}`,
        `$JS.n${province.code}.API.STREAM.INFO.EVT`,
      ];
      const answers = await Promise.all(
        apiAttempts.map((subject) => rogueNc.request(subject, JSON.stringify({ stream_name: 'EVT', config: { name: 'spy', filter_subject: 'evt.>' } }), { timeout: 1500 }).then(() => 'answered', () => 'refused')),
      );
      // A subject the district may publish, so that the link is shown to carry what is allowed.
      rogueNc.publish(`pii.${d2.code}.membership.handover`, '{}');
      await rogueNc.flush();
      await eventually(() => heardAtCity.includes(`pii.${d2.code}.membership.handover`), { what: 'the handover request heard at the city' });
      listener.unsubscribe();

      expect(answers).toEqual(apiAttempts.map(() => 'refused'));
      // At the city, its own API requests arrive mapped from $JS.n<city>.API to $JS.API.
      const mapped = [`$JS.API.STREAM.PURGE.EVT`, `$JS.API.CONSUMER.CREATE.EVT.spy.evt.>`];
      expect(heardAtCity.filter((subject) => [...attempts, ...apiAttempts, ...mapped].includes(subject))).toEqual([]);
      expect(await messagesIn(c1, 'EVT')).toBe(cityEvents);
      expect(await messagesIn(c1, 'DIR')).toBe(cityDirectives);
      expect(await messagesIn(d2, 'EVT')).toBe(siblingEvents);
      expect((await (await jsm(c1)).streams.info('EVT')).state.consumer_count).toBe(cityConsumers);
    }, 60_000);

    it("cannot read another node's events, directives, deliveries, JetStream API requests, handover requests or replies", async () => {
      const stolen: string[] = [];
      const own: string[] = [];
      const wanted = ['evt.>', 'dir.>', `$JS.n${d2.code}.API.>`, `$JS.n${c1.code}.API.>`, `fed.n${d2.code}.>`, `pii.${d2.code}.membership.handover`, `_INBOX.n${d2.code}.>`, `_INBOX.n${c1.code}.>`];
      const spies = wanted.map((subject) => rogueNc.subscribe(subject, { callback: (_error, message) => void stolen.push(message.subject) }));
      const legit = rogueNc.subscribe(`pii.${d1.code}.membership.handover`, { callback: (_error, message) => void own.push(message.subject) });
      const responder = nc(d2).subscribe(`pii.${d2.code}.membership.handover`, { callback: (_error, message) => void message.respond('ok') });
      await Promise.all([rogueNc.flush(), nc(d2).flush()]);
      // The rogue's interest crosses its leafnode link to the city with no sign of arrival; a second
      // for it to propagate, so that a leak below would be seen.
      await pause(1000);

      // Traffic on each of those subjects crossing the city.
      await new JetStreamPublisher(jetstream(nc(d2))).publishBatch(sampleMessages(d2, 50));
      await new JetStreamPublisher(jetstream(nc(c1))).publishBatch([directive(c1)]);
      nc(c1).publish(`evt.${province.code}.elsewhere._.${SAMPLE_CONTEXT}.thing.x.Happened`, '{}');
      nc(c1).publish(`dir.${province.code}.elsewhere._.${SAMPLE_CONTEXT}.TargetSet.x`, '{}');
      expect((await nc(c1).request(`pii.${d2.code}.membership.handover`, '{}', { timeout: 5000 })).string()).toBe('ok');
      expect((await nc(c1).request(`$JS.n${d2.code}.API.INFO`, '', { timeout: 5000 })).json<{ type: string }>().type).toContain('account_info');
      expect((await nc(province).request(`$JS.n${c1.code}.API.INFO`, '', { timeout: 5000 })).json<{ type: string }>().type).toContain('account_info');
      nc(c1).publish(`pii.${d1.code}.membership.handover`, '{}');
      await nc(c1).flush();
      await eventually(() => own.length > 0, { what: "the city's own request heard" });
      await settledCount(c1, 0);
      // Nothing may reach the spies during this half second.
      await pause(500);

      spies.forEach((spy) => spy.unsubscribe());
      legit.unsubscribe();
      responder.unsubscribe();
      expect(stolen).toEqual([]);
    }, 60_000);
  });
});

function directive(node: NodeRef): OutboxMessageLike {
  const eventId = randomUUID();
  return { eventId, subject: directiveSubject(node, SAMPLE_CONTEXT, 'TargetSet', randomUUID()), headers: { 'ws-type': 'TargetSet' }, payload: JSON.stringify({ eventId }) };
}

function credentialsOf(node: NodeRef): { user: string; pass: string } {
  const { user, password } = testFederationCredentials.leaf(node.code);
  return { user, pass: password };
}
