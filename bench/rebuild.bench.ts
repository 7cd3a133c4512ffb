import { jetstream, jetstreamManager } from '@ws/testing/nats';
import { connect } from '@ws/testing/nats';
import { eventSubject, EventEnvelope, HEADERS, nodeRef, STATIONS_CONTEXT, VISIT_OCCUPATIONS } from '@ws/contracts';
import { loadavg } from 'node:os';
import { createDb, eventStoreMigrations, migrateToLatest } from '@ws/eventstore';
import { newId, systemClock } from '@ws/kernel';
import { ensureNodeStreams, JetStreamPublisher } from '@ws/messaging';
import { platformConfig } from '@ws/platform';
import { createProjectionMetrics, projectionMigrations, ProjectionRunner } from '@ws/projections';
import { Registry } from 'prom-client';
import { createTestDatabase, NATS_URL, testNodeCode } from '@ws/testing';
import { deleteNodeStreams } from '@ws/testing/service-process';
import { stationsMigrations } from '../apps/stations/src/db/migrations';
import type { StationsDatabase } from '../apps/stations/src/db/database';
import { DirectoryProjection } from '../apps/stations/src/read-models/directory/directory.projection';
import { StationLocator } from '../apps/stations/src/read-models/nearest/station-locator.service';
import { VisitsProjection } from '../apps/stations/src/read-models/visits/visits.projection';
import { postgresBackendsOf, processCpuSeconds } from './bench-node';

/**
 * Rebuild of the stations read models (directory and visits) from 1 000 000 events in the node's
 * stream: 2 000 station registrations, the rest check-in events of 1–3 visits each.
 */
const TOTAL = Number(process.env['BENCH_EVENTS'] ?? 1_000_000);
const STATIONS = 2000;
const PUBLISH_BATCH = 5000;
/** Events per rebuild transaction (the runner's default unless set). */
const BATCH = process.env['BENCH_BATCH'] ? Number(process.env['BENCH_BATCH']) : undefined;

function envelope(type: string, streamId: string, data: unknown, node: string, at: string): EventEnvelope {
  const eventId = newId();
  return { eventId, type, schema: 1, streamId, streamVersion: null, occurredAt: at, data, metadata: { correlationId: eventId, causationId: eventId, node } };
}

async function main(): Promise<void> {
  const code = testNodeCode();
  const node = nodeRef(code);
  const streams = { evt: `EVT_${code}`, dir: `DIR_${code}` };
  const database = await createTestDatabase('rebuild');
  const nc = await connect({ servers: NATS_URL });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const db = createDb<StationsDatabase>(database.url);
  try {
    await ensureNodeStreams(jsm, node, { names: streams });
    await migrateToLatest(db, { ...eventStoreMigrations, ...projectionMigrations, ...stationsMigrations });

    process.stdout.write(`bench:rebuild — publishing ${TOTAL} events…\n`);
    const publisher = new JetStreamPublisher(js);
    const stationIds = Array.from({ length: STATIONS }, () => newId());
    const now = Date.now();
    let published = 0;
    let visits = 0;
    const publishStarted = Date.now();
    while (published < TOTAL) {
      const batch = [];
      for (let i = 0; i < PUBLISH_BATCH && published < TOTAL; i++, published++) {
        const at = new Date(now - (published % (20 * 86_400)) * 1000).toISOString();
        let env: EventEnvelope;
        let subject: string;
        if (published < STATIONS) {
          const stationId = stationIds[published]!;
          const data = {
            stationId, name: `驿站${published}`, kind: 'station', tier: 'community', host: 'community_centre', streetCode: '330802001',
            communityCode: null, address: `路${published}号`, location: { lng: 118 + (published % 100) * 0.01, lat: 28 + Math.floor(published / 100) * 0.01 },
            hours: { open24h: true }, seats: 10, contactPhone: null, managerId: null, facilities: ['microwave', 'charging'],
          };
          env = { ...envelope('StationRegistered', `station-${stationId}`, data, code, at), streamVersion: 1 };
          subject = eventSubject(node, STATIONS_CONTEXT, 'station', stationId, 'StationRegistered');
        } else {
          const stationId = stationIds[published % STATIONS]!;
          const count = 1 + (published % 3);
          visits += count;
          const data = { stationId, visits: Array.from({ length: count }, (_, v) => ({ key: `${published}-${v}`, at, occupation: VISIT_OCCUPATIONS[(published + v) % VISIT_OCCUPATIONS.length] })) };
          env = envelope('VisitsRecorded', `checkins-${stationId}`, data, code, at);
          subject = eventSubject(node, STATIONS_CONTEXT, 'checkins', stationId, 'VisitsRecorded');
        }
        batch.push({ eventId: env.eventId, subject, headers: { [HEADERS.msgId]: env.eventId, [HEADERS.type]: env.type }, payload: JSON.stringify(env) });
      }
      await publisher.publishBatch(batch);
    }
    const publishSeconds = (Date.now() - publishStarted) / 1000;
    process.stdout.write(`  published in ${publishSeconds.toFixed(1)} s (${Math.round(TOTAL / publishSeconds)} events/s)\n`);

    const config = { ...platformConfig('stations', { NODE_CODE: code, LOG_LEVEL: 'silent' }), node, streams };
    const locator = new StationLocator(db, systemClock);
    const metrics = createProjectionMetrics(new Registry());
    const options = { stream: streams.evt, rebuildBatchSize: BATCH, metrics };
    const runners = [
      new ProjectionRunner(db, js, jsm, new DirectoryProjection(config, db, locator), options),
      new ProjectionRunner(db, js, jsm, new VisitsProjection(config), options),
    ];
    const started = Date.now();
    const cpuBefore = process.cpuUsage();
    const postgresBefore = processCpuSeconds(postgresBackendsOf(database.name));
    const loadBefore = loadavg()[0]!;
    for (const runner of runners) await runner.rebuild();
    await Promise.all(runners.map((runner) => runner.catchUp(600_000)));
    const seconds = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const postgresSeconds = processCpuSeconds(postgresBackendsOf(database.name)) - postgresBefore;
    const loadAfter = loadavg()[0]!;
    // Time inside the visits projection's transactions: the rest of the rebuild is reading the stream.
    const batches = (await metrics.batchSeconds.get()).values.filter((v) => v.labels.projection === 'stations.visits');
    const inTransactions = batches.find((v) => v.metricName === 'ws_projection_batch_seconds_sum')?.value ?? NaN;
    const transactions = batches.find((v) => v.metricName === 'ws_projection_batch_seconds_count')?.value ?? NaN;
    for (const runner of runners) await runner.stop();

    const counted = await db.selectFrom('visits_hourly').select((eb) => eb.fn.sum<string>('visits').as('total')).executeTakeFirstOrThrow();
    const stations = await db.selectFrom('station_directory').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    if (Number(counted.total) !== visits || Number(stations.n) !== STATIONS) {
      throw new Error(`read models disagree with the stream: ${counted.total}/${visits} visits, ${stations.n}/${STATIONS} stations`);
    }
    process.stdout.write(
      `${JSON.stringify({ events: TOTAL, visits, stations: STATIONS, projections: 2, rebuildSeconds: seconds, eventsPerSecond: Math.round(TOTAL / seconds),
        visitsTransactions: transactions, visitsTransactionSeconds: round1(inTransactions),
        nodeCpuMicrosPerEvent: round1((cpu.user + cpu.system) / TOTAL), postgresCpuMicrosPerEvent: round1((postgresSeconds * 1e6) / TOTAL),
        loadAverage: [round1(loadBefore), round1(loadAfter)], rssMB: Math.round(process.memoryUsage().rss / 1e6) })}\n`,
    );
  } finally {
    await db.destroy();
    await deleteNodeStreams(nc, streams);
    await nc.close();
    await database.drop();
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
