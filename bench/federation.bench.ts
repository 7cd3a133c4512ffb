import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DeliverPolicy, jetstream, JetStreamClient } from '@ws/testing/nats';
import { connect, headers as natsHeaders, NatsConnection } from '@ws/testing/nats';
import { natsConnectOptions } from '@ws/messaging';
import { EventEnvelope, eventSubject, HEADERS, nodeFromCode, STATIONS_CONTEXT, VISIT_OCCUPATIONS } from '@ws/contracts';
import { newId } from '@ws/kernel';
import { ProcessFederation } from '@ws/testing/process-federation';
import { CITY, DISTRICTS, FAULT_TOPOLOGY, PROVINCE } from '../test/stations-federation';
import { percentile } from './bench-node';
import { CheckpointPoller } from './checkpoint-poller';

/**
 * bench:federation — check-in events written at two districts, the time until the province's
 * visits read model has them, at a steady paced rate; then the city's nats-server is killed for
 * a while (the districts keep writing) and restarted: how fast the province catches up.
 *
 * Events are written at the districts' EVT streams exactly as the outbox relay publishes them
 * (VisitsRecorded, one visit, Nats-Msg-Id = event id, the relay's headers), so the figure is the
 * federation's: district stream → city (sourcing) → province (sourcing) → the province stations
 * service's visits projection (a built process, its own database). "Visible" = the projection's
 * checkpoint, written in the same transaction as the read-model rows, has reached the event's
 * sequence in the province stream, polled every BENCH_POLL_MS; "written" = the district stream's
 * ack. A district's own HTTP intake and relay are bench:checkins' business.
 */
const RATE = Number(process.env['BENCH_RATE'] ?? 2000);
const WARMUP_S = Number(process.env['BENCH_WARMUP_SECONDS'] ?? 5);
const STEADY_S = Number(process.env['BENCH_SECONDS'] ?? 30);
const CUT_S = Number(process.env['BENCH_CUT_SECONDS'] ?? 60);
const AFTER_S = Number(process.env['BENCH_AFTER_SECONDS'] ?? 5);
const POLL_MS = Number(process.env['BENCH_POLL_MS'] ?? 10);
const STATIONS_PER_DISTRICT = Number(process.env['BENCH_STATIONS'] ?? 100);
const MAX_IN_FLIGHT = 4000;
const PROJECTION = 'stations.visits';

/** Milliseconds since the epoch with sub-millisecond resolution, comparable with the servers' timestamps. */
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Written {
  id: string;
  ackedAt: number;
}

/** Publishes VisitsRecorded events round-robin at the districts, paced to RATE per second. */
class PacedWriter {
  readonly written: Written[] = [];
  private sent = 0;
  private inFlight = 0;
  private stopped = false;
  private running?: Promise<void>;
  maxInFlight = 0;
  failures = 0;

  constructor(private readonly districts: Array<{ code: string; js: JetStreamClient; stations: string[] }>) {}

  start(): void {
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
    while (this.inFlight > 0) await sleep(5);
  }

  private async loop(): Promise<void> {
    const started = now();
    while (!this.stopped) {
      const due = Math.floor(((now() - started) * RATE) / 1000) - this.sent;
      for (let i = 0; i < due && this.inFlight < MAX_IN_FLIGHT; i++) this.publish();
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      await sleep(2);
    }
  }

  private publish(): void {
    const index = this.sent++;
    const district = this.districts[index % this.districts.length]!;
    const node = nodeFromCode(district.code);
    const stationId = district.stations[Math.floor(index / this.districts.length) % district.stations.length]!;
    const id = newId();
    const at = new Date().toISOString();
    const envelope: EventEnvelope = {
      eventId: id,
      type: 'VisitsRecorded',
      schema: 1,
      streamId: `checkins-${stationId}`,
      streamVersion: null,
      occurredAt: at,
      data: { stationId, visits: [{ key: id, at, occupation: VISIT_OCCUPATIONS[index % VISIT_OCCUPATIONS.length] }] },
      metadata: { correlationId: id, causationId: id, node: district.code, actor: 'public' },
    };
    const headers = natsHeaders();
    for (const [key, value] of Object.entries({
      [HEADERS.msgId]: id,
      [HEADERS.type]: envelope.type,
      [HEADERS.schema]: '1',
      [HEADERS.occurredAt]: at,
      [HEADERS.streamVersion]: '',
      [HEADERS.correlationId]: id,
      [HEADERS.causationId]: id,
    })) {
      headers.set(key, value);
    }
    this.inFlight++;
    district.js
      .publish(eventSubject(node, STATIONS_CONTEXT, 'checkins', stationId, 'VisitsRecorded'), JSON.stringify(envelope), { msgID: id, headers })
      .then(
        () => this.written.push({ id, ackedAt: now() }),
        () => this.failures++,
      )
      .finally(() => this.inFlight--);
  }
}

/** Every message of the province's EVT stream: its sequence and the time the province stored it. */
async function provinceStream(nc: NatsConnection, expected: number): Promise<Map<string, { seq: number; storedAt: number }>> {
  const js = jetstream(nc);
  const consumer = await js.consumers.get('EVT', { deliver_policy: DeliverPolicy.All });
  const found = new Map<string, { seq: number; storedAt: number }>();
  const messages = await consumer.consume({ max_messages: 5000 });
  for await (const message of messages) {
    const id = message.headers?.get(HEADERS.msgId);
    if (id) found.set(id, { seq: message.seq, storedAt: message.info.timestampNanos / 1e6 });
    if (message.info.pending === 0 && found.size >= expected) break;
  }
  await messages.close();
  return found;
}

const maxOf = (values: number[]) => values.reduce((a, b) => (b > a ? b : a), -Infinity);
const minOf = (values: number[]) => values.reduce((a, b) => (b < a ? b : a), Infinity);
const ms = (value: number) => `${Math.round(value)} ms`;
const rate = (count: number, millis: number) => `${Math.round((count * 1000) / millis).toLocaleString('en-US')}/s`;

async function main(): Promise<void> {
  process.stdout.write(
    `bench:federation — ${RATE} events/s at districts ${DISTRICTS.join(', ')} → city ${CITY} → province ${PROVINCE}; ` +
      `warm-up ${WARMUP_S} s, steady ${STEADY_S} s, city cut ${CUT_S} s (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})\n`,
  );
  const federation = await ProcessFederation.start<'stations'>(FAULT_TOPOLOGY);
  const connections: NatsConnection[] = [];
  let pg: Client | undefined;
  try {
    const province = federation.node(PROVINCE);
    await province.start('stations', { LOG_LEVEL: 'error', PG_POOL_MAX: '4' });
    pg = new Client({ connectionString: province.databaseUrl('stations') });
    await pg.connect();
    for (const code of DISTRICTS) connections.push(await connect(natsConnectOptions(federation.nats.get(code)!.url)));
    const provinceNc = await connect(natsConnectOptions(federation.nats.get(PROVINCE)!.url));
    connections.push(provinceNc);
    const writer = new PacedWriter(
      DISTRICTS.map((code, i) => ({ code, js: jetstream(connections[i]!), stations: Array.from({ length: STATIONS_PER_DISTRICT }, () => newId()) })),
    );
    const poller = new CheckpointPoller(pg, PROJECTION, POLL_MS);
    poller.start();
    writer.start();

    const t0 = now();
    await sleep(WARMUP_S * 1000);
    const steadyFrom = now();
    await sleep(STEADY_S * 1000);
    const steadyTo = now();
    await federation.nats.get(CITY)!.kill();
    const cutAt = now();
    process.stdout.write(`  city ${CITY} killed after ${((cutAt - t0) / 1000).toFixed(0)} s; districts keep writing\n`);
    await sleep(CUT_S * 1000);
    await federation.nats.get(CITY)!.start();
    const restartedAt = now();
    const backlogFrom = poller.positionAt(restartedAt);
    process.stdout.write(`  city ${CITY} restarted\n`);

    // The province has caught up once it shows everything written before the restart.
    const writtenBeforeRestart = writer.written.filter((w) => w.ackedAt < restartedAt).length;
    while (poller.last() < writtenBeforeRestart) await sleep(100);
    const caughtUpSeen = now();
    await sleep(AFTER_S * 1000);
    await writer.stop();
    const total = writer.written.length;
    while (poller.last() < total) await sleep(50);
    await poller.stop();

    const stream = await provinceStream(provinceNc, total);
    const events = writer.written.map((w) => ({ ...w, ...stream.get(w.id), visibleAt: undefined as number | undefined }));
    for (const event of events) if (event.seq !== undefined) event.visibleAt = poller.visibleAt(event.seq);

    const steady = events.filter((e) => e.ackedAt >= steadyFrom && e.ackedAt < steadyTo && e.visibleAt !== undefined);
    const latency = steady.map((e) => e.visibleAt! - e.ackedAt).sort((a, b) => a - b);
    const bus = steady.map((e) => e.storedAt! - e.ackedAt).sort((a, b) => a - b);
    const beforeRestart = events.filter((e) => e.ackedAt < restartedAt);
    const backlog = beforeRestart.filter((e) => (e.visibleAt ?? Infinity) > restartedAt).length;
    const storedAll = maxOf(beforeRestart.map((e) => e.storedAt ?? Infinity));
    const visibleAll = maxOf(beforeRestart.map((e) => e.visibleAt ?? Infinity));
    const storedDuring = events.filter((e) => e.storedAt !== undefined && e.storedAt > restartedAt && e.storedAt <= storedAll).length;
    // The first event the province stored after the restart: until then the links and sources were coming back.
    const resumedAt = minOf(events.filter((e) => e.storedAt !== undefined && e.storedAt > restartedAt).map((e) => e.storedAt!));
    const firstVisibleAfter = poller.samples.find((sample) => sample.at > restartedAt && sample.position > backlogFrom)?.at ?? NaN;
    const appliedDuring = poller.positionAt(visibleAll) - backlogFrom;

    const { rows } = await pg.query<{ visits: string }>('select coalesce(sum(visits), 0) as visits from visits_hourly');
    const provinceMessages = await federation.evtMessages(PROVINCE);
    const districtMessages = (await Promise.all(DISTRICTS.map((code) => federation.evtMessages(code)))).reduce((a, b) => a + b, 0);
    const queries = [...poller.queryMs].sort((a, b) => a - b);

    process.stdout.write(
      [
        '',
        `steady ${RATE}/s (${steady.length} events written ${((steadyTo - steadyFrom) / 1000).toFixed(0)} s, ${rate(steady.length, steadyTo - steadyFrom)} achieved):`,
        `  written at a district → visible in the province read model: p50 ${ms(percentile(latency, 50))}, p95 ${ms(percentile(latency, 95))}, p99 ${ms(percentile(latency, 99))}, max ${ms(latency.at(-1) ?? NaN)}`,
        `  of which → stored in the province stream: p50 ${ms(percentile(bus, 50))}, p99 ${ms(percentile(bus, 99))}`,
        `  checkpoint poll every ${POLL_MS} ms, query p50 ${percentile(queries, 50).toFixed(1)} ms`,
        `city cut ${CUT_S} s, then restarted (writing went on at ${RATE}/s):`,
        `  backlog at the restart: ${backlog} events`,
        `  first event at the province ${ms(resumedAt - restartedAt)} after the restart (leafnode links and sources coming back)`,
        `  province stream has everything written before the restart after ${ms(storedAll - restartedAt)}: ${rate(storedDuring, storedAll - restartedAt)} overall, ${rate(storedDuring, storedAll - resumedAt)} once flowing`,
        `  province read model has it after ${ms(visibleAll - restartedAt)}: ${rate(appliedDuring, visibleAll - restartedAt)} applied overall, ${rate(appliedDuring, visibleAll - firstVisibleAfter)} once flowing (polled until seen ${ms(caughtUpSeen - restartedAt)})`,
        `check: ${total} events written (${writer.failures} failed publishes, largest in flight ${writer.maxInFlight}); ` +
          `district streams ${districtMessages}, province stream ${provinceMessages}, province read model ${rows[0]!.visits} visits`,
        '',
      ].join('\n'),
    );
    if (provinceMessages !== total || districtMessages !== total || Number(rows[0]!.visits) !== total) {
      throw new Error('the province does not hold exactly what the districts wrote');
    }
  } finally {
    for (const nc of connections) await nc.close().catch(() => undefined);
    await pg?.end().catch(() => undefined);
    await federation.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:federation failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
