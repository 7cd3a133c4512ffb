import { loadavg } from 'node:os';
import { connect } from '@ws/testing/nats';
import { contactLookupSubject } from '@ws/contracts';
import type { ContactLookupReply, ContactLookupRequest, WishPostedData } from '@ws/contracts';
import { newId } from '@ws/kernel';
import { serveRequests } from '@ws/messaging';
import { eventually, FakeAliyunSms, NATS_URL } from '@ws/testing';
import { LoopCluster } from '../apps/wishes/src/testing/loop-cluster';
import { percentile, postgresBackendsOf, processCpuSeconds, processTree } from './bench-node';

/**
 * Notify as a built process on a throw-away node, with the fake Aliyun SMS gateway and the wishes
 * service's contact look-up played here (answering at once, so the figures are notify's):
 *   burst: BENCH_WISHES wishes' events published at once (WishPosted, WishAccepted, WishDispatched,
 *          WishInProgress: a station manager's inbox message and three SMS per wish) — SMS per second
 *          from the first event to the last SMS at the gateway, and notify's CPU per message;
 *   steady: BENCH_RATE status events per second for BENCH_SECONDS — event published → SMS at the
 *          gateway, p50/p99.
 */
const WISHES = Number(process.env['BENCH_WISHES'] ?? 400);
const RATE = Number(process.env['BENCH_RATE'] ?? 20);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const LOG_LEVEL = process.env['BENCH_LOG_LEVEL'] ?? 'error';
const STATUSES = ['WishAccepted', 'WishDispatched', 'WishInProgress'] as const;
const TEMPLATE: Record<(typeof STATUSES)[number], string> = { WishAccepted: 'SMS_WS_WISH_ACCEPTED', WishDispatched: 'SMS_WS_WISH_DISPATCHED', WishInProgress: 'SMS_WS_WISH_IN_PROGRESS' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const sms = await new FakeAliyunSms().start();
  const arrived = new Map<string, number>();
  const record = sms.sent;
  const cluster = new LoopCluster({
    env: {
      notify: {
        SMS_GATEWAY: 'aliyun', SMS_ENDPOINT: `${sms.base}/`, SMS_ACCESS_KEY_ID: sms.accessKeyId, SMS_ACCESS_KEY_SECRET: sms.accessKeySecret,
        WECHAT_GATEWAY: 'off', PUSH_GATEWAY: 'off', NOTIFY_QUIET_HOURS: '00:00-00:00', NOTIFY_DAILY_CAP: '1000', LOG_LEVEL,
      },
    },
    logTo: LOG_LEVEL === 'error' ? 'ignore' : 'inherit',
  });
  const nc = await connect({ servers: NATS_URL });
  const owner = serveRequests<ContactLookupRequest, ContactLookupReply>(nc, contactLookupSubject(cluster.code, 'wishes'), async (request) => ({
    status: 'ok',
    address: `139${request.recipient.id.replace(/\D/g, '').slice(-8).padStart(8, '0')}`,
  }));
  const seen = () => {
    for (let i = arrived.size; i < record.length; i++) arrived.set(`${record[i]!.params['no']}:${record[i]!.templateCode}`, record[i]!.at);
  };
  try {
    await cluster.start('notify');
    const cpu = () => processCpuSeconds(processTree(cluster.pid('notify')!));
    const pgCpu = () => processCpuSeconds(postgresBackendsOf(cluster.databaseName('notify')));
    const wish = (index: number) => {
      const wishId = newId();
      return { wishId, wishNo: `W${String(index).padStart(9, '0')}` };
    };
    const post = (w: { wishId: string; wishNo: string }) => {
      const data: WishPostedData = {
        wishId: w.wishId, wishNo: w.wishNo, stationId: newId(), communityCode: null, streetCode: cluster.street, category: 'repair', text: '充电桩坏了', urgency: 'normal',
        photoRefs: [], authorKind: 'worker', memberCard: null, contactRef: newId(), authorKeyHash: 'h', postedBy: null, moderateBy: new Date(Date.now() + 86_400_000).toISOString(),
      };
      return cluster.publish('wishes', 'wish', w.wishId, 'WishPosted', data);
    };
    const status = (w: { wishId: string }, type: (typeof STATUSES)[number]) =>
      cluster.publish('wishes', 'wish', w.wishId, type, type === 'WishAccepted'
        ? { wishId: w.wishId, streetCode: cluster.street, category: 'repair', moderatorId: 'm', deadline: new Date(Date.now() + 86_400_000).toISOString() }
        : { wishId: w.wishId, taskId: newId(), decisionId: newId(), volunteerId: newId() });

    // Warm-up: one wish through, so the first figures do not include connections being made.
    const warm = wish(0);
    await post(warm);
    for (const type of STATUSES) await status(warm, type);
    await eventually(async () => record.length >= 3, { what: 'warm-up SMS', timeoutMs: 60_000 });

    // ---- burst ----
    const burst = Array.from({ length: WISHES }, (_, i) => wish(i + 1));
    const expected = record.length + WISHES * STATUSES.length;
    const cpuBefore = cpu();
    const pgBefore = pgCpu();
    const load = loadavg()[0]!;
    const started = Date.now();
    for (const w of burst) await post(w);
    for (const type of STATUSES) for (const w of burst) await status(w, type);
    const published = Date.now();
    await eventually(async () => record.length >= expected, { what: `${expected} SMS`, timeoutMs: 600_000, everyMs: 100 });
    const finished = record[record.length - 1]!.at;
    const burstCpu = cpu() - cpuBefore;
    const burstPg = pgCpu() - pgBefore;
    const messages = WISHES * (STATUSES.length + 1); // + the station manager's inbox message per wish
    const smsCount = WISHES * STATUSES.length;
    process.stdout.write(
      `burst: ${WISHES} wishes, ${WISHES * 4} events published in ${((published - started) / 1000).toFixed(1)} s, ${messages} messages (${smsCount} SMS)\n` +
        `  ${(smsCount / ((finished - started) / 1000)).toFixed(0)} SMS/s from the first event to the last SMS at the gateway (${((finished - started) / 1000).toFixed(1)} s)\n` +
        `  CPU per message: notify ${((burstCpu * 1000) / messages).toFixed(2)} ms, its Postgres backends ${((burstPg * 1000) / messages).toFixed(2)} ms; load average before ${load.toFixed(1)}, after ${loadavg()[0]!.toFixed(1)}\n`,
    );

    // ---- steady rate: latency ----
    const steady = Array.from({ length: Math.ceil((RATE * SECONDS) / STATUSES.length) }, (_, i) => wish(WISHES + 1 + i));
    for (const w of steady) await post(w);
    await sleep(2000);
    const publishedAt = new Map<string, number>();
    const steadyCpu = cpu();
    const steadyStart = Date.now();
    let sent = 0;
    for (const type of STATUSES) {
      for (const w of steady) {
        const due = steadyStart + (sent * 1000) / RATE;
        if (due > Date.now()) await sleep(due - Date.now());
        publishedAt.set(`${w.wishNo}:${TEMPLATE[type]}`, Date.now());
        await status(w, type);
        sent++;
      }
    }
    await eventually(async () => {
      seen();
      return [...publishedAt.keys()].every((key) => arrived.has(key));
    }, { what: 'the steady SMS', timeoutMs: 120_000, everyMs: 100 });
    const latencies = [...publishedAt].map(([key, at]) => arrived.get(key)! - at).sort((a, b) => a - b);
    const steadyCpuUsed = cpu() - steadyCpu;
    process.stdout.write(
      `steady: ${sent} status events at ${RATE}/s → SMS at the gateway: p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies[latencies.length - 1]} ms\n` +
        `  notify CPU ${steadyCpuUsed.toFixed(1)} s over ${((Date.now() - steadyStart) / 1000).toFixed(0)} s (${((steadyCpuUsed * 1000) / sent).toFixed(2)} ms per message); load average now ${loadavg()[0]!.toFixed(1)}\n`,
    );
    if (sms.refusedSignatures > 0) throw new Error(`${sms.refusedSignatures} requests had a bad signature`);
  } finally {
    await owner.stop();
    await nc.close();
    await cluster.close();
    await sms.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:notify failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
