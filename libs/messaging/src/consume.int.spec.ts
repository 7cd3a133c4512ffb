import { jetstream, JetStreamClient, JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { nodeRef } from '@ws/contracts';
import { eventually, NATS_URL, testNodeCode } from '@ws/testing';
import { connectNats } from './connection';
import { ConsumedEvent, consumeFrom, lastSequence } from './consume';
import { JetStreamPublisher } from './publisher';
import { ensureNodeStreams } from './streams';
import { NatsProcess, startNatsServer } from '@ws/testing/service-process';
import { SAMPLE_AGGREGATE, SAMPLE_CONTEXT, sampleMessages } from './testing/sample-events';

/** Runs consumeFrom in the background, recording every batch it hands over. */
function startConsumer(js: JetStreamClient, options: { stream: string; startSeq: number; batchSize?: number; filter?: string }) {
  const batches: ConsumedEvent[][] = [];
  const controller = new AbortController();
  const done = consumeFrom(js, {
    ...options,
    signal: controller.signal,
    onBatch: async (events) => {
      batches.push(events);
    },
  });
  return {
    batches,
    seqs: () => batches.flat().map((e) => e.seq),
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe('consumeFrom and lastSequence', () => {
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  const node = nodeRef(testNodeCode());
  const names = { evt: `EVT_${node.code}`, dir: `DIR_${node.code}` };
  const own = `evt.${node.province}.${node.city}.${node.district}.${SAMPLE_CONTEXT}.${SAMPLE_AGGREGATE}.*`;

  beforeAll(async () => {
    nc = await connectNats(NATS_URL, 'consume spec');
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    await ensureNodeStreams(jsm, node, { names });
    const publisher = new JetStreamPublisher(js);
    // seq 1..20 Happened, 21..23 Noticed, 24..25 Happened
    await publisher.publishBatch(sampleMessages(node, 20));
    await publisher.publishBatch(sampleMessages(node, 3, 'Noticed'));
    await publisher.publishBatch(sampleMessages(node, 2));
  });

  afterAll(async () => {
    await jsm.streams.delete(names.evt).catch(() => undefined);
    await jsm.streams.delete(names.dir).catch(() => undefined);
    await nc.close();
  });

  it('reads from a sequence in order, in batches, and goes on with what is published later', async () => {
    const consumer = startConsumer(js, { stream: names.evt, startSeq: 11, batchSize: 4 });
    await eventually(() => consumer.seqs().length >= 15, { what: '15 events consumed' });
    await new JetStreamPublisher(js).publishBatch(sampleMessages(node, 6));
    await eventually(() => consumer.seqs().length >= 21, { what: '21 events consumed' });
    await consumer.stop();

    expect(consumer.seqs()).toEqual(range(11, 31));
    expect(Math.max(...consumer.batches.map((b) => b.length))).toBe(4);
    const event = consumer.batches[0]![0]!;
    expect(event.subject).toMatch(new RegExp(`^evt\\.${node.province}\\.${node.city}\\.${node.district}\\.test\\.thing\\.`));
    expect(event.envelope.type).toBe('Happened');
    expect(event.envelope.metadata.node).toBe(node.code);
  });

  it('resumes after a checkpoint without repeating or skipping', async () => {
    const controller = new AbortController();
    const committed: number[] = [];
    // A projection that stops after committing two batches of 7.
    await consumeFrom(js, {
      stream: names.evt,
      startSeq: 1,
      batchSize: 7,
      signal: controller.signal,
      onBatch: async (events) => {
        committed.push(...events.map((e) => e.seq));
        if (committed.length >= 14) controller.abort();
      },
    });
    expect(committed).toEqual(range(1, 14));

    const last = await lastSequence(jsm, names.evt);
    const resumed = startConsumer(js, { stream: names.evt, startSeq: 15, batchSize: 7 });
    await eventually(() => resumed.seqs().at(-1) === last, { what: `the resumed consumer at ${last}` });
    await resumed.stop();
    expect(resumed.seqs()).toEqual(range(15, last));
  });

  it('reads only what matches a filter', async () => {
    const consumer = startConsumer(js, { stream: names.evt, startSeq: 1, filter: `${own}.Noticed` });
    await eventually(() => consumer.seqs().length >= 3, { what: '3 events consumed' });
    await consumer.stop();
    expect(consumer.seqs()).toEqual([21, 22, 23]);
    expect(consumer.batches.flat().every((e) => e.envelope.type === 'Noticed')).toBe(true);
  });

  it('hands over one batch at a time, in order, while it reads ahead behind a slow handler', async () => {
    const seqs: number[] = [];
    let applying = 0;
    let overlapped = false;
    const controller = new AbortController();
    const last = await lastSequence(jsm, names.evt);
    await consumeFrom(js, {
      stream: names.evt,
      startSeq: 1,
      batchSize: 5,
      signal: controller.signal,
      onBatch: async (events) => {
        applying += 1;
        overlapped ||= applying > 1;
        await new Promise((resolve) => setTimeout(resolve, 30));
        seqs.push(...events.map((e) => e.seq));
        applying -= 1;
        if (seqs[seqs.length - 1] === last) controller.abort();
      },
    });
    expect(overlapped).toBe(false);
    expect(seqs).toEqual(range(1, last));
  });

  it('settles only after the batch being applied has finished', async () => {
    const controller = new AbortController();
    let finished = false;
    const done = consumeFrom(js, {
      stream: names.evt,
      startSeq: 1,
      signal: controller.signal,
      onBatch: async () => {
        controller.abort();
        await new Promise((resolve) => setTimeout(resolve, 100));
        finished = true;
      },
    });
    await done;
    expect(finished).toBe(true);
  });

  it('rejects when the handler of a batch fails', async () => {
    const failure = new Error('read model down');
    await expect(
      consumeFrom(js, {
        stream: names.evt,
        startSeq: 1,
        signal: new AbortController().signal,
        onBatch: async () => {
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
  });

  it('rejects a filter outside the stream subjects instead of retrying it', async () => {
    await expect(
      consumeFrom(js, {
        stream: names.evt,
        startSeq: 1,
        filter: `evt.${node.province}.${node.city}.*.${SAMPLE_CONTEXT}.>`,
        signal: new AbortController().signal,
        onBatch: async () => undefined,
      }),
    ).rejects.toThrow(/not a valid subset/);
  });

  it('tells the last sequence, of the stream or of a filter', async () => {
    expect(await lastSequence(jsm, names.evt)).toBe(31);
    expect(await lastSequence(jsm, names.evt, `${own}.Noticed`)).toBe(23);
    expect(await lastSequence(jsm, names.evt, `${own}.NeverHappened`)).toBe(0);
  });
});

describe('consumeFrom across a nats-server restart', () => {
  let server: NatsProcess;
  let nc: NatsConnection;
  const node = nodeRef(testNodeCode());

  beforeAll(async () => {
    server = await startNatsServer({ node });
    nc = await connectNats(server.url, 'consume restart spec');
    await ensureNodeStreams(await jetstreamManager(nc), node);
  });

  afterAll(async () => {
    await nc.close();
    await server.remove();
  });

  it('goes on from where it was once the server is back', async () => {
    const js = jetstream(nc);
    const publisher = new JetStreamPublisher(js);
    await publisher.publishBatch(sampleMessages(node, 100));
    const consumer = startConsumer(js, { stream: 'EVT', startSeq: 1, batchSize: 30 });
    await eventually(() => consumer.seqs().length >= 100, { what: '100 events consumed' });

    await server.kill();
    await server.start();
    const later = sampleMessages(node, 50);
    // Retried as the outbox relay would: the same ids, so a partly published batch is not doubled.
    await eventually(() => publisher.publishBatch(later).then(() => true), { what: 'the later batch published to the restarted server' });
    await eventually(() => consumer.seqs().length >= 150, { what: '150 events consumed' });
    await consumer.stop();

    expect(consumer.seqs()).toEqual(range(1, 150));
  }, 90_000);
});
