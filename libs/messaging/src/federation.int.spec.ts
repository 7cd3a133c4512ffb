import { randomUUID } from 'node:crypto';
import { jetstream, JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { directiveSubject, nodeRef, subtreeContextFilter } from '@ws/contracts';
import { eventually, testNodeCode } from '@ws/testing';
import { connectNats } from './connection';
import { consumeFrom } from './consume';
import { JetStreamPublisher, OutboxMessageLike } from './publisher';
import { ensureNodeStreams } from './streams';
import { NatsProcess, startNatsServer } from '@ws/testing/service-process';
import { SAMPLE_CONTEXT, sampleMessages } from './testing/sample-events';

/**
 * A city and one of its districts, each with its own nats-server and JetStream domain, the
 * district a leafnode of the city with core evt.> and dir.> denied both ways.
 */
describe('federation: district → city', () => {
  const district = nodeRef(testNodeCode());
  const city = nodeRef(district.code.slice(0, 4));
  let cityServer: NatsProcess;
  let districtServer: NatsProcess;
  let cityNc: NatsConnection;
  let districtNc: NatsConnection;
  let cityJsm: JetStreamManager;
  let districtJsm: JetStreamManager;

  const messagesIn = async (jsm: JetStreamManager, stream: string) => (await jsm.streams.info(stream)).state.messages;

  /** The count once the city's source from the district reports no lag, and it is still `expected`. */
  async function settledCityCount(expected: number): Promise<number> {
    await eventually(async () => (await messagesIn(cityJsm, 'EVT')) >= expected, { what: `${expected} events at the city`, timeoutMs: 60_000 });
    const info = await eventually(async () => {
      const info = await cityJsm.streams.info('EVT');
      return (info.sources ?? []).length === 1 && info.sources![0]!.lag === 0 && info;
    }, { what: "the city's source from the district without lag" });
    return info.state.messages;
  }

  beforeAll(async () => {
    cityServer = await startNatsServer({ node: city });
    districtServer = await startNatsServer({ node: district, parentLeafUrl: cityServer.leafUrl });
    cityNc = await connectNats(cityServer.url, 'federation spec city');
    districtNc = await connectNats(districtServer.url, 'federation spec district');
    cityJsm = await jetstreamManager(cityNc);
    districtJsm = await jetstreamManager(districtNc);
    await ensureNodeStreams(districtJsm, district, { parent: { code: city.code } });
    await ensureNodeStreams(cityJsm, city, { children: [{ code: district.code }] });
  }, 60_000);

  afterAll(async () => {
    await cityNc?.close();
    await districtNc?.close();
    await districtServer?.remove();
    await cityServer?.remove();
  });

  it('sources every district event into the city exactly once, across a crash of the city', async () => {
    const districtPublisher = new JetStreamPublisher(jetstream(districtNc));
    const first = sampleMessages(district, 1000);
    await districtPublisher.publishBatch(first);
    await new JetStreamPublisher(jetstream(cityNc)).publishBatch(sampleMessages(city, 1));

    // Without the leafnode deny, the city's stream would also capture the district's core
    // publishes and hold every district event twice.
    expect(await settledCityCount(1001)).toBe(1001);
    expect(await messagesIn(districtJsm, 'EVT')).toBe(1000);

    await cityServer.kill();
    const meanwhile = sampleMessages(district, 500);
    await districtPublisher.publishBatch(meanwhile);
    await cityServer.start();

    expect(await settledCityCount(1501)).toBe(1501);

    // A city projection reads its whole subtree with a filter inside the city's own subjects.
    const seen = new Map<string, number>();
    const controller = new AbortController();
    const reading = consumeFrom(jetstream(cityNc), {
      stream: 'EVT',
      filter: subtreeContextFilter(city, SAMPLE_CONTEXT),
      startSeq: 1,
      signal: controller.signal,
      onBatch: async (events) => {
        for (const e of events) seen.set(e.envelope.eventId, (seen.get(e.envelope.eventId) ?? 0) + 1);
      },
    });
    await eventually(() => seen.size >= 1501, { what: 'all 1501 events read at the city' });
    controller.abort();
    await reading;
    expect(seen.size).toBe(1501);
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
    expect([...first, ...meanwhile].every((m) => seen.has(m.eventId))).toBe(true);
    expect(await messagesIn(cityJsm, 'EVT')).toBe(1501);
  }, 180_000);

  it('carries the city directives down to the district, and none of the district own up', async () => {
    const cityDirective = directive(directiveSubject(city, SAMPLE_CONTEXT, 'TargetSet', randomUUID()));
    const districtDirective = directive(directiveSubject(district, SAMPLE_CONTEXT, 'TargetSet', randomUUID()));
    await new JetStreamPublisher(jetstream(cityNc)).publishBatch([cityDirective]);
    await new JetStreamPublisher(jetstream(districtNc)).publishBatch([districtDirective]);

    await eventually(async () => (await messagesIn(districtJsm, 'DIR')) >= 2, { what: "both directives on the district's DIR" });
    const down = await districtJsm.streams.getMessage('DIR', { last_by_subj: cityDirective.subject });
    expect(down?.header.get('Nats-Msg-Id')).toBe(cityDirective.eventId);
    expect(await messagesIn(cityJsm, 'DIR')).toBe(1);
  }, 60_000);
});

function directive(subject: string): OutboxMessageLike {
  const eventId = randomUUID();
  return { eventId, subject, headers: { 'ws-type': 'TargetSet' }, payload: JSON.stringify({ eventId }) };
}
