import 'reflect-metadata';
import { jetstream, JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EventEnvelope } from '@ws/contracts';
import { nodeRef } from '@ws/contracts';
import { NATS_URL, testNodeCode } from '@ws/testing';
import { connectNats } from '../connection';
import { JetStreamPublisher } from '../publisher';
import { ensureNodeStreams } from '../streams';
import { eventually, sampleMessages } from '../testing/sample-events';
import { JetStreamContext } from './jetstream-context';
import { JetStreamTransport } from './jetstream-transport';

interface Handled {
  pattern: string;
  eventId: string;
  subject: string;
  seq: number;
  attempt: number;
}

const handled: Handled[] = [];

function record(pattern: string, envelope: EventEnvelope, context: JetStreamContext): void {
  handled.push({ pattern, eventId: envelope.eventId, subject: context.getSubject(), seq: context.getSeq(), attempt: context.getDeliveryCount() });
}

// `<string>` picks EventPattern's plain MethodDecorator overload: its default, typed overload
// allows no second handler parameter other than `unknown`, and these handlers take @Ctx().
@Controller()
class Reactions {
  @EventPattern<string>('test.thing.Happened')
  onHappened(@Payload() envelope: EventEnvelope, @Ctx() context: JetStreamContext): void {
    record('Happened', envelope, context);
  }

  @EventPattern<string>('test.*.Flaky')
  async onFlaky(@Payload() envelope: EventEnvelope, @Ctx() context: JetStreamContext): Promise<void> {
    record('Flaky', envelope, context);
    if (context.getDeliveryCount() === 1) throw new Error('first attempt fails');
  }

  @EventPattern<string>('test.thing.Broken')
  onBroken(@Payload() envelope: EventEnvelope, @Ctx() context: JetStreamContext): void {
    record('Broken', envelope, context);
    throw new Error('always fails');
  }
}

@Module({ controllers: [Reactions] })
class ReactionsModule {}

describe('JetStreamTransport', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let publisher: JetStreamPublisher;
  let app: INestMicroservice | undefined;
  const node = nodeRef(testNodeCode());
  const names = { evt: `EVT_${node.code}`, dir: `DIR_${node.code}` };
  const service = `svc${node.code}`;

  async function startApp(): Promise<INestMicroservice> {
    const transport = new JetStreamTransport({ servers: NATS_URL, node, stream: names.evt, service, maxDeliver: 3, retryDelayMs: 50 });
    const microservice = await NestFactory.createMicroservice(ReactionsModule, { strategy: transport, logger: false });
    await microservice.listen();
    return microservice;
  }

  const of = (pattern: string) => handled.filter((h) => h.pattern === pattern);

  beforeAll(async () => {
    nc = await connectNats(NATS_URL, 'transport spec');
    jsm = await jetstreamManager(nc);
    publisher = new JetStreamPublisher(jetstream(nc));
    await ensureNodeStreams(jsm, node, { names });
  });

  afterAll(async () => {
    await app?.close();
    await jsm.streams.delete(names.evt).catch(() => undefined);
    await jsm.streams.delete(names.dir).catch(() => undefined);
    await nc.close();
  });

  it('hands each event of the node to its @EventPattern handler, with subject and sequence', async () => {
    const happened = sampleMessages(node, 3);
    await publisher.publishBatch([...happened, ...sampleMessages(node, 2, 'Ignored')]);
    app = await startApp();

    await eventually(async () => of('Happened').length, (n) => n >= 3);
    expect(of('Happened').map((h) => h.eventId)).toEqual(happened.map((m) => m.eventId));
    expect(of('Happened').map((h) => h.subject)).toEqual(happened.map((m) => m.subject));
    expect(of('Happened').map((h) => h.seq)).toEqual([1, 2, 3]);

    const consumer = await jsm.consumers.info(names.evt, `${service}__test_thing_Happened`);
    expect(consumer.config.filter_subject).toBe(`evt.${node.province}.${node.city}.${node.district}.test.thing.*.Happened`);
    expect(consumer.config.durable_name).toBe(`${service}__test_thing_Happened`);
  });

  it('redelivers an event whose handler threw', async () => {
    const [flaky] = sampleMessages(node, 1, 'Flaky');
    await publisher.publishBatch([flaky!]);

    await eventually(async () => of('Flaky').length, (n) => n >= 2);
    expect(of('Flaky').map((h) => [h.eventId, h.attempt])).toEqual([
      [flaky!.eventId, 1],
      [flaky!.eventId, 2],
    ]);
    const consumer = await eventually(
      () => jsm.consumers.info(names.evt, `${service}__test_any_Flaky`),
      (info) => info.num_ack_pending === 0,
    );
    expect(consumer.num_pending).toBe(0);
  });

  it('gives an event up after maxDeliver attempts', async () => {
    const [broken] = sampleMessages(node, 1, 'Broken');
    await publisher.publishBatch([broken!]);

    await eventually(async () => of('Broken').length, (n) => n >= 3);
    const consumer = await eventually(
      () => jsm.consumers.info(names.evt, `${service}__test_thing_Broken`),
      (info) => info.num_ack_pending === 0,
    );
    expect(of('Broken').map((h) => h.attempt)).toEqual([1, 2, 3]);
    expect(consumer.ack_floor.stream_seq).toBeGreaterThan(0);
  });

  it('after a restart of the app, handles what came meanwhile and nothing it had acknowledged', async () => {
    await app!.close();
    app = undefined;
    const before = of('Happened').length;
    const meanwhile = sampleMessages(node, 2);
    await publisher.publishBatch(meanwhile);

    app = await startApp();

    await eventually(async () => of('Happened').length, (n) => n >= before + 2);
    const consumer = await eventually(
      () => jsm.consumers.info(names.evt, `${service}__test_thing_Happened`),
      (info) => info.num_ack_pending === 0 && info.num_pending === 0,
    );
    expect(of('Happened').slice(before).map((h) => h.eventId)).toEqual(meanwhile.map((m) => m.eventId));
    expect(of('Happened').every((h) => h.attempt === 1)).toBe(true);
    expect(consumer.num_redelivered).toBe(0);
  });
});
