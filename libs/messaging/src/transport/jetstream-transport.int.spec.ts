import 'reflect-metadata';
import { jetstream, JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EventEnvelope } from '@ws/contracts';
import { eventSubject, nodeRef } from '@ws/contracts';
import { DomainError, KERNEL_ERRORS, ProblemFilter } from '@ws/kernel';
import { eventually, NATS_URL, testNodeCode } from '@ws/testing';
import { connectNats } from '../connection';
import { JetStreamPublisher } from '../publisher';
import { ensureNodeStreams } from '../streams';
import { sampleMessages } from '../testing/sample-events';
import { JetStreamContext } from './jetstream-context';
import { JetStreamTransport } from './jetstream-transport';
import type { ReactionMessageRecord, ReactionParkReason, ReactionRecorder } from './reaction-policy';

interface Handled {
  pattern: string;
  eventId: string;
  subject: string;
  seq: number;
  attempt: number;
}

const handled: Handled[] = [];
/** How many more times the Unreachable handler fails as if Postgres were away. */
let outageLeft = 0;

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
    throw new TypeError('always fails');
  }

  @EventPattern<string>('test.thing.Unreachable')
  onUnreachable(@Payload() envelope: EventEnvelope, @Ctx() context: JetStreamContext): void {
    record('Unreachable', envelope, context);
    if (outageLeft-- > 0) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  }

  @EventPattern<string>('test.thing.Refused')
  onRefused(@Payload() envelope: EventEnvelope, @Ctx() context: JetStreamContext): void {
    record('Refused', envelope, context);
    throw new DomainError('task_already_closed', 'the task is closed');
  }

  @EventPattern<string>('stations.checkins.VisitsRecorded')
  onVisits(@Payload() envelope: EventEnvelope, @Ctx() context: JetStreamContext): void {
    record('VisitsRecorded', envelope, context);
  }
}

// The filter every service has (PlatformModule): it hands a reaction's error back to the transport as it is.
@Module({ controllers: [Reactions], providers: [{ provide: APP_FILTER, useValue: new ProblemFilter(KERNEL_ERRORS) }] })
class ReactionsModule {}

class MemoryRecorder implements ReactionRecorder {
  readonly parked: Array<ReactionMessageRecord & { reason: ReactionParkReason }> = [];
  readonly refusals: Array<ReactionMessageRecord & { code: string }> = [];
  async park(entry: ReactionMessageRecord & { reason: ReactionParkReason }): Promise<void> {
    this.parked.push(entry);
  }
  async refused(entry: ReactionMessageRecord & { code: string }): Promise<void> {
    this.refusals.push(entry);
  }
}

describe('JetStreamTransport', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let publisher: JetStreamPublisher;
  let app: INestMicroservice | undefined;
  let transport: JetStreamTransport;
  const recorder = new MemoryRecorder();
  const node = nodeRef(testNodeCode());
  const names = { evt: `EVT_${node.code}`, dir: `DIR_${node.code}` };
  const service = `svc${node.code}`;

  async function startApp(): Promise<INestMicroservice> {
    transport = new JetStreamTransport({ servers: NATS_URL, node, stream: names.evt, service, retryDelayMs: 20, maxRetryDelayMs: 100, recorder });
    const microservice = await NestFactory.createMicroservice(ReactionsModule, { strategy: transport, logger: false });
    await microservice.listen();
    return microservice;
  }

  const of = (pattern: string) => handled.filter((h) => h.pattern === pattern);
  const settled = (durable: string) =>
    eventually(async () => {
      const info = await jsm.consumers.info(names.evt, durable);
      return info.num_ack_pending === 0 && info.num_pending === 0 && info;
    }, { what: `${durable} settled` });

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

  it('hands each event of the node to its @EventPattern handler, with subject and sequence, on a consumer that never gives up a message', async () => {
    const happened = sampleMessages(node, 3);
    await publisher.publishBatch([...happened, ...sampleMessages(node, 2, 'Ignored')]);
    app = await startApp();
    await eventually(() => of('Happened').length >= 3, { what: 'three Happened handled' });
    expect(of('Happened').map((h) => h.eventId)).toEqual(happened.map((m) => m.eventId));
    expect(of('Happened').map((h) => h.subject)).toEqual(happened.map((m) => m.subject));
    expect(of('Happened').map((h) => h.seq)).toEqual([1, 2, 3]);
    const consumer = await jsm.consumers.info(names.evt, `${service}__test_thing_Happened`);
    expect(consumer.config.filter_subject).toBe(`evt.${node.province}.${node.city}.${node.district}.test.thing.*.Happened`);
    expect(consumer.config.durable_name).toBe(`${service}__test_thing_Happened`);
    expect(consumer.config.max_deliver).toBe(-1);
  });

  it('tries an event whose handler threw again, in place', async () => {
    const [flaky] = sampleMessages(node, 1, 'Flaky');
    await publisher.publishBatch([flaky!]);
    await eventually(() => of('Flaky').length >= 2, { what: 'the flaky event handled twice' });
    expect(of('Flaky').map((h) => [h.eventId, h.attempt])).toEqual([
      [flaky!.eventId, 1],
      [flaky!.eventId, 2],
    ]);
    await settled(`${service}__test_any_Flaky`);
  });

  it('retries an infrastructure failure without limit (far past the fault attempts) and handles the event once it is back', async () => {
    outageLeft = 12;
    const [event] = sampleMessages(node, 1, 'Unreachable');
    await publisher.publishBatch([event!]);
    await settled(`${service}__test_thing_Unreachable`);
    expect(of('Unreachable').length).toBe(13);
    expect(recorder.parked.filter((p) => p.subject === event!.subject)).toEqual([]);
  });

  it('parks an event whose handler fails every time after three attempts, and goes on', async () => {
    const [broken, after] = [...sampleMessages(node, 1, 'Broken'), ...sampleMessages(node, 1, 'Happened')];
    await publisher.publishBatch([broken!, after!]);
    await settled(`${service}__test_thing_Broken`);
    expect(of('Broken').map((h) => h.attempt)).toEqual([1, 2, 3]);
    expect(recorder.parked.find((p) => p.subject === broken!.subject)).toMatchObject({ reason: 'failed', attempts: 3, detail: 'always fails', consumer: `${service}__test_thing_Broken` });
    await eventually(() => of('Happened').some((h) => h.eventId === after!.eventId), { what: 'the event after the broken one handled' });
  });

  it('records a refusal of the domain and acknowledges it at once', async () => {
    const [refused] = sampleMessages(node, 1, 'Refused');
    await publisher.publishBatch([refused!]);
    await settled(`${service}__test_thing_Refused`);
    expect(of('Refused').length).toBe(1);
    expect(recorder.refusals.find((r) => r.subject === refused!.subject)).toMatchObject({ code: 'task_already_closed', attempts: 1 });
  });

  it('parks a body that is not an envelope and a schema newer than this code, without calling the handler', async () => {
    const js = jetstream(nc);
    const subject = eventSubject(node, 'stations', 'checkins', 's1', 'VisitsRecorded');
    await js.publish(subject, 'not an envelope');
    const [newer] = sampleMessages(node, 1, 'VisitsRecorded');
    const envelope = { ...JSON.parse(newer!.payload), schema: 99 };
    await js.publish(subject, JSON.stringify(envelope));
    await settled(`${service}__stations_checkins_VisitsRecorded`);
    expect(of('VisitsRecorded')).toEqual([]);
    expect(recorder.parked.filter((p) => p.subject === subject).map((p) => p.reason)).toEqual(['undecodable', 'unknown_schema']);
  });

  it('starts a consume loop that ended again, shows it in consumers(), and goes on handling', async () => {
    await jsm.consumers.delete(names.evt, `${service}__test_thing_Happened`);
    await eventually(() => {
      const consumer = transport.consumers().find((c) => c.pattern === 'test.thing.Happened')!;
      return consumer.restarts >= 1 && consumer.state === 'running';
    }, { what: 'the Happened consumer restarted and running' });
    const before = of('Happened').length;
    const [later] = sampleMessages(node, 1);
    await publisher.publishBatch([later!]);
    await eventually(() => of('Happened').some((h) => h.eventId === later!.eventId), { what: 'the later event handled by the recreated consumer' });
    // The recreated consumer starts from the beginning (deliver all): the handlers are idempotent.
    expect(of('Happened').length).toBeGreaterThan(before);
  });

  it('after a restart of the app, handles what came meanwhile and nothing it had acknowledged', async () => {
    await app!.close();
    app = undefined;
    const before = of('Happened').length;
    const meanwhile = sampleMessages(node, 2);
    await publisher.publishBatch(meanwhile);
    app = await startApp();
    await eventually(() => of('Happened').length >= before + 2, { what: 'the two events published meanwhile handled' });
    const consumer = await settled(`${service}__test_thing_Happened`);
    expect(of('Happened').slice(before).map((h) => h.eventId)).toEqual(meanwhile.map((m) => m.eventId));
    expect(of('Happened').every((h) => h.attempt === 1)).toBe(true);
    expect(consumer.num_redelivered).toBe(0);
  });
});
