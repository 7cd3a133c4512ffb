import autocannon from 'autocannon';
import { loadavg } from 'node:os';
import { percentile, postgresBackendsOf, processCpuSeconds, processTree, startBenchNode, uniqueKey, type BenchNode } from './bench-node';
import { requestOk } from '@ws/platform';

/**
 * End-to-end check-ins per second: accepted by HTTP → visible in the visits read model, for single
 * check-ins and for kiosk batches, with the projection lag (time from the HTTP answer to the
 * visit being counted) sampled every 50 ms.
 */
const DURATION_S = Number(process.env['BENCH_SECONDS'] ?? 20);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 64);
const BATCH = 100;
const MODES = (process.env['BENCH_MODES'] ?? 'single,batched').split(',') as Array<'single' | 'batched'>;

interface Sample {
  at: number;
  accepted: number;
}

async function visibleVisits(node: BenchNode): Promise<number> {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return ((await requestOk(node.url, 'GET', `/visits?from=${today}&to=${today}&by=day`)) as { total: number }).total;
}

async function run(node: BenchNode, mode: 'single' | 'batched') {
  const before = await visibleVisits(node);
  let accepted = 0;
  const samples: Sample[] = [];
  const visibleAt: Array<{ at: number; visible: number }> = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      visibleAt.push({ at: Date.now(), visible: (await visibleVisits(node)) - before });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const sampler = setInterval(() => samples.push({ at: Date.now(), accepted }), 50);
  const serviceCpu = () => processCpuSeconds(processTree(node.pid));
  const postgresCpu = () => processCpuSeconds(postgresBackendsOf(node.database));
  const cpuBefore = { service: serviceCpu(), postgres: postgresCpu(), client: process.cpuUsage(), load: loadavg()[0]! };
  const started = Date.now();
  const stations = node.stationIds;
  let next = 0;
  const result = await autocannon({
    url: node.url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const stationId = stations[next++ % stations.length];
          if (mode === 'single') {
            return { ...request, path: `/stations/${stationId}/checkins`, body: JSON.stringify({ key: uniqueKey(), occupation: 'rider' }) };
          }
          const at = new Date().toISOString();
          const visits = Array.from({ length: BATCH }, () => ({ key: uniqueKey(), at, occupation: 'courier' }));
          return { ...request, path: `/stations/${stationId}/checkins/batch`, body: JSON.stringify({ visits }) };
        },
        onResponse: (status) => {
          if (mode === 'single' && status === 201) accepted += 1;
          if (mode === 'batched' && status === 200) accepted += BATCH;
        },
      },
    ],
  });
  clearInterval(sampler);
  const httpDone = Date.now();
  const cpu = {
    service: serviceCpu() - cpuBefore.service,
    postgres: postgresCpu() - cpuBefore.postgres,
    client: ((c) => (c.user + c.system) / 1e6)(process.cpuUsage(cpuBefore.client)),
  };
  const load = [cpuBefore.load, loadavg()[0]!].map((l) => Math.round(l * 10) / 10);
  const deadline = Date.now() + 120_000;
  while (visibleAt[visibleAt.length - 1]!.visible < accepted && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  polling = false;
  await poller;
  const allVisibleAt = visibleAt.find((v) => v.visible >= accepted)?.at ?? NaN;

  // Lag: for each sample (accepted count at time t), the first poll that saw at least that many.
  const lags = samples
    .filter((s) => s.accepted > 0)
    .map((s) => (visibleAt.find((v) => v.visible >= s.accepted)?.at ?? NaN) - s.at)
    .filter((lag) => Number.isFinite(lag))
    .sort((a, b) => a - b);
  const seconds = (allVisibleAt - started) / 1000;
  return {
    mode,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    acceptedVisits: accepted,
    httpSeconds: (httpDone - started) / 1000,
    httpVisitsPerSecond: Math.round(accepted / ((httpDone - started) / 1000)),
    endToEndVisitsPerSecond: Math.round(accepted / seconds),
    httpLatencyP50ms: result.latency.p50,
    httpLatencyP99ms: result.latency.p99,
    projectionLagP50ms: percentile(lags, 50),
    projectionLagP99ms: percentile(lags, 99),
    // CPU per accepted visit while the clients ran (the read model may still be catching up):
    // steadier than visits/s on a shared machine.
    serviceCpuMicrosPerVisit: Math.round((cpu.service * 1e6) / accepted),
    postgresCpuMicrosPerVisit: Math.round((cpu.postgres * 1e6) / accepted),
    clientCpuMicrosPerVisit: Math.round((cpu.client * 1e6) / accepted),
    serviceCores: Math.round((cpu.service / ((httpDone - started) / 1000)) * 100) / 100,
    loadAverage: load,
  };
}

async function main(): Promise<void> {
  const node = await startBenchNode(200);
  try {
    process.stdout.write(`bench:checkins — ${CONNECTIONS} connections, ${DURATION_S} s per mode, 200 stations, batches of ${BATCH}\n`);
    for (const mode of MODES) {
      const figures = await run(node, mode);
      process.stdout.write(`${JSON.stringify(figures)}\n`);
    }
  } finally {
    await node.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
