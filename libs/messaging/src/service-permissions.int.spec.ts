import { randomUUID } from 'node:crypto';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { contactLookupSubject, directiveSubject, eventSubject, nodeRef } from '@ws/contracts';
import { eventually, testNodeCode } from '@ws/testing';
import { connectNats, natsConnectOptions } from './connection';
import { consumeFrom, type ConsumedEvent } from './consume';
import { JetStreamOutboxPublisher } from './outbox-publisher';
import { requestReply, serveRequests } from './requests';
import { deleteDurable, durableAckFloor, RETIRED_DURABLES } from './retired-consumers';
import { type BusService, serviceInboxPrefix } from './service-permissions';
import { ensureNodeStreams } from './streams';
import { type NatsProcess, startNatsServer } from '@ws/testing/service-process';
import { sampleMessages } from './testing/sample-events';

/**
 * The service users of renderNatsConfig on a real nats-server: each service publishes its own
 * context's events and nothing else, reads the node's streams without being able to change them,
 * and takes only its own requests and replies.
 */
describe('service users with least-privilege permissions', () => {
  const district = nodeRef(testNodeCode());
  let server: NatsProcess;
  let admin: NatsConnection;
  const opened: NatsConnection[] = [];
  /** What the server refused each connection (its -ERR Permissions Violation answers). */
  const refusals = new Map<NatsConnection, string[]>();

  async function as(service: BusService): Promise<NatsConnection> {
    const nc = await connectNats(server.serviceUrl(service), `${service} spec`, { inboxPrefix: serviceInboxPrefix(district.code, service) });
    opened.push(nc);
    const refused: string[] = [];
    refusals.set(nc, refused);
    void (async () => {
      for await (const status of nc.status()) if (status.type === 'error') refused.push(String(status.error.message));
    })();
    return nc;
  }

  const refusedOf = (nc: NatsConnection, subject: string) =>
    eventually(() => (refusals.get(nc) ?? []).some((message) => message.includes(`"${subject}"`)), { what: `the server's refusal of ${subject}` });
  const evtMessages = async () => (await (await jetstreamManager(admin)).streams.info('EVT')).state.messages;
  const event = (context: string) => ({ ...sampleMessages(district, 1)[0]!, subject: eventSubject(district, context, 'thing', randomUUID(), 'Happened') });

  beforeAll(async () => {
    server = await startNatsServer({ node: district });
    admin = await connectNats(server.url, 'service users spec (local)');
    await ensureNodeStreams(await jetstreamManager(admin), district);
  }, 60_000);

  afterAll(async () => {
    for (const nc of [...opened, admin]) await nc?.close().catch(() => undefined);
    await server?.remove();
  });

  it('takes no client without credentials or with a wrong password', async () => {
    await expect(connect({ servers: server.plainUrl, reconnect: false })).rejects.toThrow(/Authorization/i);
    await expect(connect({ ...natsConnectOptions(server.serviceUrl('stations')), pass: 'wrong', reconnect: false })).rejects.toThrow(/Authorization/i);
  });

  it("stores a service's own events, and refuses it another service's events and directives", async () => {
    const stations = await as('stations');
    await new JetStreamOutboxPublisher(stations).publishBatch([event('stations')]);
    expect(await evtMessages()).toBe(1);

    const forged = event('membership');
    const forgedDirective = directiveSubject(district, 'membership', 'TransferOffered', randomUUID());
    stations.publish(forged.subject, forged.payload);
    stations.publish(forgedDirective, '{}');
    await refusedOf(stations, forged.subject);
    await refusedOf(stations, forgedDirective);
    // The same event from its own service is stored: the refusal was the user's, not the subject's.
    await new JetStreamOutboxPublisher(await as('membership')).publishBatch([forged]);
    expect(await evtMessages()).toBe(2);
  }, 60_000);

  it('reads the streams with a consumer, and cannot delete or purge them', async () => {
    const dashboard = await as('dashboard');
    const consumer = await jetstream(dashboard).consumers.get('EVT');
    const first = await consumer.next({ expires: 10_000 });
    expect(first?.seq).toBe(1);

    const jsm = await jetstreamManager(dashboard);
    await expect(jsm.streams.purge('EVT')).rejects.toThrow(/Permissions Violation/i);
    await expect(jsm.streams.delete('EVT')).rejects.toThrow(/Permissions Violation/i);
    await expect(jsm.streams.add({ name: 'SPY', subjects: ['spy.>'] })).rejects.toThrow(/Permissions Violation/i);
    expect(await evtMessages()).toBe(2);
  }, 60_000);

  it("can neither delete nor list another service's consumer, whose reader reads on", async () => {
    const dashboard = await as('dashboard');
    const reader = await jetstream(dashboard).consumers.get('EVT');
    expect((await reader.next({ expires: 10_000 }))?.seq).toBe(1);
    const { name } = await reader.info(true);

    const stations = await as('stations');
    const jsm = await jetstreamManager(stations);
    await expect(jsm.consumers.delete('EVT', name)).rejects.toThrow(/Permissions Violation/i);
    await expect(jsm.consumers.list('EVT').next()).rejects.toThrow(/Permissions Violation/i);
    await expect(stations.request('$JS.API.CONSUMER.NAMES.EVT', '{}', { timeout: 5000 })).rejects.toThrow(/Permissions Violation/i);
    await expect(stations.request('$JS.API.CONSUMER.DURABLE.CREATE.EVT.spy', '{}', { timeout: 5000 })).rejects.toThrow(/Permissions Violation/i);
    // Nor may the dashboard delete its own: the server removes it once unused.
    await expect((await jetstreamManager(dashboard)).consumers.delete('EVT', name)).rejects.toThrow(/Permissions Violation/i);
    expect((await reader.next({ expires: 10_000 }))?.seq).toBe(2);
  }, 60_000);

  it('reads on when the server removes its consumer, and leaves the one it stops to the inactive threshold', async () => {
    const wishes = await as('wishes');
    const seen: number[] = [];
    const controller = new AbortController();
    const onBatch = async (events: ConsumedEvent[]) => void seen.push(...events.map((consumed) => consumed.seq));
    const reading = consumeFrom(jetstream(wishes), { stream: 'EVT', startSeq: 1, onBatch, signal: controller.signal });
    await eventually(async () => seen.length === (await evtMessages()), { what: 'wishes reading EVT' });

    // What the inactive threshold does to a consumer, done now by the node's operator.
    const operator = await jetstreamManager(admin);
    for (const consumer of await operator.consumers.list('EVT').next()) await operator.consumers.delete('EVT', consumer.name);
    await new JetStreamOutboxPublisher(wishes).publishBatch([event('wishes')]);
    const stored = await evtMessages();
    await eventually(() => seen.includes(stored), { what: 'the event stored after its consumer was removed' });
    expect(seen).toEqual(Array.from({ length: stored }, (_, index) => index + 1));

    controller.abort();
    await reading;
    const left = await operator.consumers.list('EVT').next();
    expect(left.map((consumer) => consumer.config.inactive_threshold)).toEqual([5 * 60 * 1e9]);
  }, 60_000);

  it("deletes its own retired durables after reading their position, and not another service's", async () => {
    const operator = await jetstreamManager(admin);
    for (const durable of [...RETIRED_DURABLES.membership, ...RETIRED_DURABLES.wishes]) {
      await operator.consumers.add('EVT', { durable_name: durable, ack_policy: AckPolicy.Explicit });
    }
    const membership = await jetstreamManager(await as('membership'));
    expect(await durableAckFloor(membership, 'EVT', RETIRED_DURABLES.membership[0])).toBe(0);
    for (const durable of RETIRED_DURABLES.membership) await deleteDurable(membership, 'EVT', durable);
    await expect(deleteDurable(membership, 'EVT', RETIRED_DURABLES.wishes[0])).rejects.toThrow(/Permissions Violation/i);
    const durables = (await operator.consumers.list('EVT').next()).filter((consumer) => consumer.config.durable_name).map((consumer) => consumer.name);
    expect(durables).toEqual([...RETIRED_DURABLES.wishes]);
  }, 60_000);

  it("answers only its own requests, and reads neither another service's requests nor its replies", async () => {
    const membership = await as('membership');
    const notify = await as('notify');
    const stations = await as('stations');
    const subject = contactLookupSubject(district.code, 'membership');
    const responder = serveRequests(membership, subject, async () => ({ status: 'ok', address: 'from membership' }));
    await membership.flush();
    expect(await requestReply(notify, subject, { recipient: { kind: 'member', id: 'x' } }, 5000)).toEqual({ status: 'ok', address: 'from membership' });

    const spied: string[] = [];
    stations.subscribe(subject, { callback: (_error, message) => void spied.push(message.subject) });
    stations.subscribe(`${serviceInboxPrefix(district.code, 'notify')}.>`, { callback: (_error, message) => void spied.push(message.subject) });
    await refusedOf(stations, subject);
    await refusedOf(stations, `${serviceInboxPrefix(district.code, 'notify')}.>`);
    // Nor may it ask membership for a contact (only notify does).
    await expect(requestReply(stations, subject, {}, 3000)).rejects.toThrow();
    expect(await requestReply(notify, subject, {}, 5000)).toEqual({ status: 'ok', address: 'from membership' });
    await responder.stop();
    expect(spied).toEqual([]);
  }, 60_000);
});
