/**
 * Nearest open station among 200 000: `npm run bench:nearest`.
 * Prints latency percentiles of the in-memory index (no HTTP, no database), build time and heap.
 */
import * as os from 'node:os';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { FACILITY_CODES } from '@ws/contracts';
import { NearestIndex, type IndexedStation, type NearestQuery } from '../apps/stations/src/read-models/nearest/nearest-index';
import { type Random, seededRandom } from '@ws/kernel';
import { randomStation } from '../apps/stations/src/read-models/nearest/random-stations';

const STATIONS = 200_000;
const QUERIES = 20_000;
const WARM_UP_QUERIES = 2_000;
const UPDATE_EVERY_QUERIES = 10;
const RARE_FACILITY = 'rare_facility';
const RARE_STATIONS = 20;
const ZHEJIANG_LIKE = { minLng: 118, maxLng: 123, minLat: 27, maxLat: 31.5 };

function main(): void {
  const random = seededRandom(2030);
  const now = new Date();
  const mix = { share24h: 0.2, shareSuspended: 0.03, shareClosed: 0, suspensionPivot: now };
  const stations: IndexedStation[] = [];
  for (let i = 0; i < STATIONS; i++) stations.push(randomStation(random, `s${i}`, ZHEJIANG_LIKE, mix));

  const stationsHeapMb = heapUsedMb();
  const index = new NearestIndex();
  const buildStart = performance.now();
  const buildCpuStart = process.cpuUsage();
  index.load(stations);
  const buildMs = performance.now() - buildStart;
  const buildCpu = process.cpuUsage(buildCpuStart);
  const buildCpuMs = (buildCpu.user + buildCpu.system) / 1000;
  const heapMb = heapUsedMb();
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} (other processes share the cores)`);
  console.log(
    `stations ${index.size}, build ${buildMs.toFixed(1)} ms (${buildCpuMs.toFixed(0)} ms CPU), heapUsed ${heapMb.toFixed(0)} MB ` +
      `(${stationsHeapMb.toFixed(0)} MB before the build: the station objects themselves)`,
  );
  console.log(`queries: k=5, open now (${now.toISOString()}), half with a facility filter, max 50 km`);

  const query = (): NearestQuery => ({
    ...randomPoint(random),
    k: 5,
    ...(random() < 0.5 ? { facility: FACILITY_CODES[Math.floor(random() * FACILITY_CODES.length)] } : {}),
  });

  measure(index, WARM_UP_QUERIES, query);
  report('static', measure(index, QUERIES, query));

  const upsertMs: number[] = [];
  let changed = 0;
  const whileUpdating = measure(index, QUERIES, query, (i) => {
    if (i % UPDATE_EVERY_QUERIES !== 0) return;
    const updated = randomStation(random, `s${Math.floor(random() * STATIONS)}`, ZHEJIANG_LIKE, mix);
    const start = performance.now();
    index.upsert(updated);
    upsertMs.push(performance.now() - start);
    changed++;
  });
  report(`with ${changed} upserts interleaved`, whileUpdating);
  report('  the upserts themselves (a rebuild every 1024 changes)', upsertMs);

  for (let i = 0; i < RARE_STATIONS; i++) {
    index.upsert({ ...randomStation(random, `rare${i}`, ZHEJIANG_LIKE, mix), facilities: [RARE_FACILITY], hours: { open24h: true }, status: 'active' });
  }
  const rareQuery = (): NearestQuery => ({ ...randomPoint(random), k: 5, facility: RARE_FACILITY });
  const rare = measure(index, QUERIES / 10, rareQuery);
  report(`facility held by ${RARE_STATIONS} stations (mostly nothing within 50 km)`, rare);
}

/** Heap in use after a full collection, so garbage of the set-up does not count. */
function heapUsedMb(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

// `node --expose-gc` without asking for the flag: the benchmark runs as a plain `node` script.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function randomPoint(random: Random): { lng: number; lat: number } {
  const box = ZHEJIANG_LIKE;
  return { lng: box.minLng + random() * (box.maxLng - box.minLng), lat: box.minLat + random() * (box.maxLat - box.minLat) };
}

function measure(index: NearestIndex, count: number, nextQuery: () => NearestQuery, between?: (i: number) => void): number[] {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    between?.(i);
    const query = nextQuery();
    const start = performance.now();
    index.nearest(query);
    latencies.push(performance.now() - start);
  }
  return latencies;
}

function report(label: string, latencies: number[]): void {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(3);
  console.log(
    `${label}: n=${sorted.length} p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms, max ${sorted[sorted.length - 1].toFixed(3)} ms`,
  );
}

main();
