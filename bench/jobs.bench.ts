/**
 * 零工之家 at scale: `npm run bench:jobs`.
 * - Search near home over 100 000 open postings (the read model and query the API runs:
 *   open_postings with its grid cell, searchOpenPostings): p50/p95/p99 per query.
 * - 精准推送: matching one new posting against 200 000 seekers (seeker_match, matchSeekers) and
 *   writing its pushes: time per posting.
 * Rows go straight into a throw-away database migrated as the service migrates it; no HTTP.
 */
import * as os from 'node:os';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';
import { JOB_CATEGORIES, JOB_SKILLS, PAY_MODES, shanghaiToday } from '@ws/contracts';
import type { AvailabilitySlot, JobCategory, PayMode } from '@ws/contracts';
import { migrateToLatest } from '@ws/eventstore';
import { type Random, newId, seededRandom } from '@ws/kernel';
import { createTestDatabase } from '@ws/testing';
import type { JobsDatabase } from '../apps/jobs/src/db/database';
import { jobsMigrations } from '../apps/jobs/src/db/migrations';
import { matchSeekers, type MatchedPosting } from '../apps/jobs/src/matching/match-seekers';
import { cellOf, fineCellOf } from '../apps/jobs/src/search/grid';
import { searchOpenPostings } from '../apps/jobs/src/search/search.query';
import { percentile, postgresBackendsOf, processCpuSeconds } from './bench-node';

const POSTINGS = Number(process.env['BENCH_POSTINGS'] ?? 100_000);
const SEEKERS = Number(process.env['BENCH_SEEKERS'] ?? 200_000);
const EMPLOYERS = 5_000;
const QUERIES = Number(process.env['BENCH_QUERIES'] ?? 3_000);
const WARM_UP = 300;
const MATCHES = Number(process.env['BENCH_MATCHES'] ?? 60);
/** Chongqing's main urban area and 合川: about 100 × 100 km. */
const AREA = { minLng: 105.9, maxLng: 106.9, minLat: 29.3, maxLat: 30.2 };
/** Rows per insert: under Postgres' 65 535 bind parameters at 17 columns. */
const BATCH = 2_000;

const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
const some = <T>(random: Random, values: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(random, values)))];
/** Work and homes cluster around centres (a town's streets), as real postings do. */
function point(random: Random, centres: Array<{ lng: number; lat: number }>) {
  const centre = pick(random, centres);
  const spread = 0.04;
  return { lng: centre.lng + (random() - 0.5) * 2 * spread, lat: centre.lat + (random() - 0.5) * 2 * spread };
}
function slots(random: Random): AvailabilitySlot[] {
  return some(random, [1, 2, 3, 4, 5, 6, 7] as const, 5).map((day) => (random() < 0.5 ? { day, from: '08:00', to: '12:00' } : { day, from: '13:00', to: '18:00' }));
}

async function main(): Promise<void> {
  const database = await createTestDatabase('bench_jobs');
  const pool = new Pool({ connectionString: database.url, max: 2 });
  const db = new Kysely<JobsDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db, jobsMigrations);
    const random = seededRandom(2026);
    const centres = Array.from({ length: 60 }, () => ({ lng: AREA.minLng + random() * (AREA.maxLng - AREA.minLng), lat: AREA.minLat + random() * (AREA.maxLat - AREA.minLat) }));
    const now = new Date();
    console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (other processes share the cores)`);

    const employers = Array.from({ length: EMPLOYERS }, () => newId());
    for (let from = 0; from < EMPLOYERS; from += BATCH) {
      await db.insertInto('employer_board').values(employers.slice(from, from + BATCH).map((id, i) => ({
        employer_id: id, district_code: '500117', street_code: '500117001', kind: 'company', status: (from + i) % 100 === 0 ? 'suspended' : 'approved', registered_at: now, updated_at: now,
      }))).execute();
    }
    const loadStart = performance.now();
    for (let from = 0; from < POSTINGS; from += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, POSTINGS - from) }, (_, i) => {
        const place = point(random, centres);
        return {
          posting_id: newId(), employer_id: pick(random, employers), employer_kind: 'company', street_code: '500117001',
          category: pick(random, JOB_CATEGORIES), pay_mode: pick(random, PAY_MODES), pay_min_fen: 2_000, pay_max_fen: 4_000, pay_unit: 'hour',
          headcount: 1 + ((from + i) % 5), hired: 0, title: `岗位${from + i}`, lng: place.lng, lat: place.lat, cell: cellOf(place), fine_cell: fineCellOf(place),
          valid_until: new Date(now.getTime() + 30 * 86_400_000), opened_at: now,
        };
      });
      await db.insertInto('open_postings').values(rows).execute();
    }
    await sql`analyze open_postings`.execute(db);
    await sql`analyze employer_board`.execute(db);
    console.log(`open postings ${POSTINGS} in ${centres.length} clusters over ~100 × 100 km, loaded in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);

    // ---- search near home ----
    const query = () => {
      const r = random();
      return {
        origin: point(random, centres),
        radiusKm: r < 0.5 ? 5 : r < 0.75 ? 3 : r < 0.93 ? 10 : 20,
        categories: random() < 0.6 ? [pick(random, JOB_CATEGORIES)] : ([] as JobCategory[]),
        payModes: random() < 0.3 ? [pick(random, PAY_MODES)] : ([] as PayMode[]),
        limit: 20,
        after: undefined,
        now,
      };
    };
    for (let i = 0; i < WARM_UP; i++) await searchOpenPostings(db, query());
    const pgCpu = postgresBackendsOf(database.name);
    const searchMs: number[] = [];
    let found = 0;
    const cpuStart = process.cpuUsage();
    const pgStart = processCpuSeconds(pgCpu);
    const wallStart = performance.now();
    for (let i = 0; i < QUERIES; i++) {
      const q = query();
      const start = performance.now();
      const result = await searchOpenPostings(db, q);
      searchMs.push(performance.now() - start);
      found += result.items.length;
    }
    const wall = performance.now() - wallStart;
    const cpu = process.cpuUsage(cpuStart);
    const pgSeconds = processCpuSeconds(pgCpu) - pgStart;
    searchMs.sort((a, b) => a - b);
    console.log(
      `search (radius 3/5/10/20 km, 60% one category, 30% one pay mode, 20 nearest) × ${QUERIES}: ` +
        `p50 ${percentile(searchMs, 50).toFixed(2)} ms, p95 ${percentile(searchMs, 95).toFixed(2)} ms, p99 ${percentile(searchMs, 99).toFixed(2)} ms, max ${searchMs.at(-1)!.toFixed(1)} ms; ` +
        `${(QUERIES / (wall / 1000)).toFixed(0)} queries/s one at a time, ${found / QUERIES} results each on average; ` +
        `CPU per query: node ${(((cpu.user + cpu.system) / 1000) / QUERIES).toFixed(2)} ms, Postgres ${((pgSeconds * 1000) / QUERIES).toFixed(2)} ms`,
    );
    const plan = await sql<{ 'QUERY PLAN': string }>`explain select posting_id from open_postings where fine_cell = any(${sql.val([fineCellOf(centres[0]!)])}::int[]) and category = 'cleaning'`.execute(db);
    console.log(`  plan: ${plan.rows.map((r) => r['QUERY PLAN'].trim()).join(' | ')}`);

    // ---- 精准推送 ----
    const seedStart = performance.now();
    for (let from = 0; from < SEEKERS; from += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, SEEKERS - from) }, (_, i) => {
        const home = point(random, centres);
        const r = random();
        return {
          seeker_id: newId(), district_code: '500117', home_street_code: '500117001', lng: home.lng, lat: home.lat, cell: cellOf(home),
          categories: some(random, JOB_CATEGORIES, 3), skills: some(random, JOB_SKILLS, 3), pay_modes: random() < 0.5 ? [] : some(random, PAY_MODES, 2),
          travel_radius_km: r < 0.4 ? 3 : r < 0.7 ? 5 : r < 0.9 ? 10 : 30, availability: JSON.stringify(random() < 0.2 ? [] : slots(random)),
          pushes: (from + i) % 10 !== 0, daily_cap: 3, registered_at: now,
        };
      });
      await db.insertInto('seeker_match').values(rows).execute();
    }
    await sql`analyze seeker_match`.execute(db);
    console.log(`seekers ${SEEKERS} (90% with pushes on), loaded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    const posting = (): MatchedPosting => ({
      category: pick(random, JOB_CATEGORIES),
      payMode: pick(random, PAY_MODES),
      location: point(random, centres),
      schedule: { slots: slots(random), startDate: null, endDate: null },
      skills: some(random, JOB_SKILLS, 2),
      headcount: 1 + Math.floor(random() * 5),
    });
    for (let i = 0; i < 5; i++) await matchSeekers(db, posting(), now);
    const matchMs: number[] = [];
    let pushed = 0;
    const matchCpu = process.cpuUsage();
    const matchPg = processCpuSeconds(pgCpu);
    for (let i = 0; i < MATCHES; i++) {
      const p = posting();
      const postingId = newId();
      const start = performance.now();
      const matches = await matchSeekers(db, p, now);
      if (matches.length > 0) {
        await db.insertInto('job_pushes').values(matches.map((m) => ({ seeker_id: m.seekerId, posting_id: postingId, pushed_on: shanghaiToday(now), distance_km: m.distanceKm, pushed_at: now, read_at: null }))).execute();
      }
      matchMs.push(performance.now() - start);
      pushed += matches.length;
    }
    const mCpu = process.cpuUsage(matchCpu);
    const mPg = processCpuSeconds(pgCpu) - matchPg;
    matchMs.sort((a, b) => a - b);
    console.log(
      `matching one new posting against ${SEEKERS} seekers (category, pay mode, within each seeker's distance, hours; skills then distance; daily caps) and writing its pushes × ${MATCHES}: ` +
        `p50 ${percentile(matchMs, 50).toFixed(0)} ms, p99 ${percentile(matchMs, 99).toFixed(0)} ms, max ${matchMs.at(-1)!.toFixed(0)} ms; ${(pushed / MATCHES).toFixed(1)} pushed per posting; ` +
        `CPU per posting: node ${(((mCpu.user + mCpu.system) / 1000) / MATCHES).toFixed(1)} ms, Postgres ${((mPg * 1000) / MATCHES).toFixed(1)} ms`,
    );
    console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    await db.destroy();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
