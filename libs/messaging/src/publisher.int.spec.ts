import { jetstream, JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { nodeRef } from '@ws/contracts';
import { NATS_URL, testNodeCode } from '@ws/testing';
import { connectNats } from './connection';
import { decodeEnvelope } from './envelope';
import { JetStreamOutboxPublisher } from './outbox-publisher';
import { JetStreamPublisher } from './publisher';
import { ensureNodeStreams } from './streams';
import { sampleMessages } from './testing/sample-events';

let nc: NatsConnection;
let jsm: JetStreamManager;
const node = nodeRef(testNodeCode());
const names = { evt: `EVT_${node.code}`, dir: `DIR_${node.code}` };

beforeAll(async () => {
  nc = await connectNats(NATS_URL, 'publisher spec');
  jsm = await jetstreamManager(nc);
});

afterAll(async () => nc.close());

/** Each describe publishes to streams of its own, created fresh. */
function freshStreams(): void {
  beforeAll(async () => {
    await jsm.streams.delete(names.evt).catch(() => undefined);
    await jsm.streams.delete(names.dir).catch(() => undefined);
    await ensureNodeStreams(jsm, node, { names });
  });
  afterAll(async () => {
    await jsm.streams.delete(names.evt).catch(() => undefined);
    await jsm.streams.delete(names.dir).catch(() => undefined);
  });
}

describe('JetStreamPublisher', () => {
  freshStreams();

  it('publishes 5000 events, and a retried batch adds only what is new (msg id = event id)', async () => {
    const publisher = new JetStreamPublisher(jetstream(nc), { window: 500 });
    const batch = sampleMessages(node, 5000);

    await publisher.publishBatch(batch);
    expect((await jsm.streams.info(names.evt)).state.messages).toBe(5000);

    await publisher.publishBatch([...batch, ...sampleMessages(node, 7)]);
    const state = (await jsm.streams.info(names.evt)).state;
    expect(state.messages).toBe(5007);

    const first = await jsm.streams.getMessage(names.evt, { seq: 1 });
    expect(first?.subject).toBe(batch[0]!.subject);
    expect(first?.header.get('Nats-Msg-Id')).toBe(batch[0]!.eventId);
    expect(first?.header.get('ws-type')).toBe('Happened');
  });

  it('rejects the batch when a message has no stream to go to', async () => {
    const publisher = new JetStreamPublisher(jetstream(nc, { timeout: 2000 }));
    const stray = sampleMessages(nodeRef(testNodeCode()), 1);
    await expect(publisher.publishBatch([...sampleMessages(node, 2), ...stray])).rejects.toThrow();
  });
});

describe('JetStreamOutboxPublisher', () => {
  freshStreams();

  it('publishes in order through a small window, and a retried batch adds only what is new (msg id = event id)', async () => {
    const publisher = new JetStreamOutboxPublisher(nc, { window: 100 });
    const batch = sampleMessages(node, 3000);

    await publisher.publishBatch(batch);
    expect((await jsm.streams.info(names.evt)).state.messages).toBe(3000);

    const later = sampleMessages(node, 7);
    await publisher.publishBatch([...batch.slice(2990), ...later]);
    expect((await jsm.streams.info(names.evt)).state.messages).toBe(3007);

    const consumer = await jetstream(nc).consumers.get(names.evt);
    const ids: string[] = [];
    for await (const message of await consumer.fetch({ max_messages: 3007, expires: 5000 })) {
      ids.push(decodeEnvelope(message.data).eventId);
      if (ids.length === 3007) break;
    }
    expect(ids).toEqual([...batch, ...later].map((m) => m.eventId));
    const first = await jsm.streams.getMessage(names.evt, { seq: 1 });
    expect(first?.header.get('Nats-Msg-Id')).toBe(batch[0]!.eventId);
    expect(first?.header.get('ws-type')).toBe('Happened');
  });

  it('rejects the batch when a message has no stream to go to, without waiting for a timeout', async () => {
    const publisher = new JetStreamOutboxPublisher(nc, { ackTimeoutMs: 30_000 });
    const stray = sampleMessages(nodeRef(testNodeCode()), 1);
    const started = Date.now();
    await expect(publisher.publishBatch([...sampleMessages(node, 2), ...stray])).rejects.toThrow(/no stream takes/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
