import { jetstream, JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { nodeRef } from '@ws/contracts';
import { NATS_URL, testNodeCode } from '@ws/testing';
import { connectNats } from './connection';
import { JetStreamPublisher } from './publisher';
import { ensureNodeStreams } from './streams';
import { sampleMessages } from './testing/sample-events';

describe('JetStreamPublisher', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const node = nodeRef(testNodeCode());
  const names = { evt: `EVT_${node.code}`, dir: `DIR_${node.code}` };

  beforeAll(async () => {
    nc = await connectNats(NATS_URL, 'publisher spec');
    jsm = await jetstreamManager(nc);
    await ensureNodeStreams(jsm, node, { names });
  });

  afterAll(async () => {
    await jsm.streams.delete(names.evt).catch(() => undefined);
    await jsm.streams.delete(names.dir).catch(() => undefined);
    await nc.close();
  });

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
