import autocannon from 'autocannon';
import { Client } from 'pg';
import { ProcessNode } from '@ws/testing/process-federation';
import { syntheticPerson } from '../apps/membership/src/demo/synthetic-people';
import { percentile } from './bench-node';
import { requestOk } from '@ws/platform';

/**
 * Joining at scale (npm run bench:join). A built membership service process, its read model
 * and registries seeded directly in SQL with 1 000 000 members (generated rows, not events: the
 * point is index and table size, not replay), then through HTTP:
 *   1. bulk applications (500 per request) per second,
 *   2. bulk approvals (500 per request) per second — members per second through approval,
 *   3. the members read model catching up with every approval,
 *   4. the dashboard's figures (GET /stats) over the whole read model,
 *   5. status look-ups by application number + mobile: p50 / p99 under load.
 */
const SEED_MEMBERS = Number(process.env['BENCH_SEED_MEMBERS'] ?? 1_000_000);
const APPLICATIONS = Number(process.env['BENCH_APPLICATIONS'] ?? 20_000);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 4);
const LOOKUP_SECONDS = Number(process.env['BENCH_LOOKUP_SECONDS'] ?? 15);
const LOOKUP_CONNECTIONS = Number(process.env['BENCH_LOOKUP_CONNECTIONS'] ?? 32);
const BATCH = 500;
const STATS_REQUESTS = 10;
/** Synthetic people of the benchmark start here, far from the demo's and the tests'. */
const FIRST_PERSON = 3_000_000;

async function main(): Promise<void> {
  const node = new ProcessNode<'membership'>({ env: { membership: { LOG_LEVEL: 'error', MEMBERSHIP_LOOKUP_PER_MINUTE: '1000000' } } });
  try {
    await node.start('membership');
    const base = node.url('membership');
    const databaseUrl = node.databaseUrl('membership');
    const token = await node.token('district_officer', { subject: 'bench' });
    const post = (path: string, body: unknown) => requestOk(base, 'POST', path, { token, body });
    const seedSeconds = await seed(databaseUrl, node.code, SEED_MEMBERS);
    console.log(`seeded ${SEED_MEMBERS.toLocaleString()} members into members, membership_registry and persons in ${seedSeconds.toFixed(1)} s (SQL, not events)`);

    const { unionId } = await post('/unions', { name: '基准测试联合工会', kind: 'joint', occupations: ['rider'] });
    const people = Array.from({ length: APPLICATIONS }, (_, i) => syntheticPerson(FIRST_PERSON + i));
    const batches = chunk(people, BATCH).map((batch) => batch.map((p) => ({ ...p, occupation: 'rider', unionId, streetCode: '330802001', employer: '美团' })));

    const submitted: Array<{ applicationId: string; applicationNumber: string; mobile: string }> = [];
    const submitStarted = performance.now();
    const submitLatencies = await pool(batches, CONCURRENCY, async (items, i) => {
      const started = performance.now();
      const { results } = await post('/applications/bulk', { items });
      for (const r of results) if (r.status === 'accepted') submitted.push({ applicationId: r.applicationId, applicationNumber: r.applicationNumber, mobile: batches[i]![r.index]!.mobile });
      return performance.now() - started;
    });
    const submitSeconds = (performance.now() - submitStarted) / 1000;

    const approveStarted = performance.now();
    let approved = 0;
    const approveLatencies = await pool(chunk(submitted.map((s) => s.applicationId), BATCH), CONCURRENCY, async (applicationIds) => {
      const started = performance.now();
      const result = await post('/applications/approvals', { applicationIds });
      approved += result.approved as number;
      return performance.now() - started;
    });
    const approveSeconds = (performance.now() - approveStarted) / 1000;

    // Events committed but not yet on the bus: what the read models are waiting for.
    const outboxBacklog = await count(databaseUrl, 'outbox');
    // Each projection's time to apply everything the approvals produced (from /health's lag report).
    const caughtUpStarted = performance.now();
    const caughtUp = new Map<string, number>();
    for (;;) {
      const health = (await requestOk(base, 'GET', '/health')) as { details?: { projections?: Record<string, unknown> } };
      const lags = Object.entries(health.details?.projections ?? {}).filter(([name]) => name !== 'status') as Array<[string, { lagEvents: number }]>;
      for (const [name, lag] of lags) if (lag.lagEvents === 0 && !caughtUp.has(name)) caughtUp.set(name, (performance.now() - caughtUpStarted) / 1000);
      const stats = (await requestOk(base, 'GET', `/members/stats?by=union&unionId=${unionId}`)) as { rows: Array<{ members: number }> };
      if ((stats.rows[0]?.members ?? 0) >= approved && lags.length > 0 && caughtUp.size === lags.length) break;
      if (performance.now() - caughtUpStarted > 300_000) throw new Error('read models did not catch up within 300 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const catchUpSeconds = (performance.now() - caughtUpStarted) / 1000;

    // The dashboard's figures (GET /stats) over the whole read model, one request at a time.
    const statsLatencies: number[] = [];
    for (let i = 0; i < STATS_REQUESTS; i++) {
      const started = performance.now();
      await requestOk(base, 'GET', '/stats');
      statsLatencies.push(performance.now() - started);
    }

    let next = 0;
    let failures = 0;
    const lookups = await autocannon({
      url: base,
      connections: LOOKUP_CONNECTIONS,
      duration: LOOKUP_SECONDS,
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => {
            const s = submitted[next++ % submitted.length]!;
            return { ...request, path: `/applications/lookup?number=${s.applicationNumber}&mobile=${s.mobile}` };
          },
          onResponse: (status) => {
            if (status !== 200) failures += 1;
          },
        },
      ],
    });

    const sortedSubmit = submitLatencies.sort((a, b) => a - b);
    const sortedApprove = approveLatencies.sort((a, b) => a - b);
    const total = await count(databaseUrl, 'members');
    console.log(
      JSON.stringify(
        {
          seededMembers: SEED_MEMBERS,
          membersInReadModelAfter: total,
          applications: APPLICATIONS,
          accepted: submitted.length,
          approved,
          concurrency: CONCURRENCY,
          submit: { perSecond: Math.round(submitted.length / submitSeconds), seconds: round(submitSeconds), batchMsP50: round(percentile(sortedSubmit, 50)), batchMsP99: round(percentile(sortedSubmit, 99)) },
          approve: { perSecond: Math.round(approved / approveSeconds), seconds: round(approveSeconds), batchMsP50: round(percentile(sortedApprove, 50)), batchMsP99: round(percentile(sortedApprove, 99)) },
          throughApproval: { perSecond: Math.round(approved / (submitSeconds + approveSeconds)) },
          outboxBacklogAtLastApproval: outboxBacklog,
          readModelsCaughtUpAfterLastApprovalSeconds: round(catchUpSeconds),
          dashboardStats: { requests: STATS_REQUESTS, msP50: round(percentile(statsLatencies.sort((a, b) => a - b), 50)), msMax: round(Math.max(...statsLatencies)) },
          eachReadModelCaughtUpAfterSeconds: Object.fromEntries([...caughtUp].map(([name, seconds]) => [name, round(seconds)])),
          lookups: {
            requests: lookups.requests.total,
            perSecond: Math.round(lookups.requests.average),
            msP50: lookups.latency.p50,
            msP99: lookups.latency.p99,
            nonOk: failures,
            connections: LOOKUP_CONNECTIONS,
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await node.close();
  }
}

/** 1 000 000 current members spread over 17 unions, 6 occupations, 30 streets and 36 months, and their counts. */
async function seed(url: string, nodeCode: string, members: number): Promise<number> {
  const started = performance.now();
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      insert into persons (person_id, id_number_hmac, mobile_hmac)
      select md5('p' || i)::uuid, encode(sha256(('id' || i)::bytea), 'hex'), encode(sha256(('m' || i)::bytea), 'hex')
      from generate_series(1, $1::int) as i`, [members]);
    await client.query(`
      insert into membership_registry (membership_id, person_id, union_id, card_number, status, updated_at)
      select md5('m' || i)::uuid, md5('p' || i)::uuid, md5('u' || (i % 17))::uuid, 'SEED' || lpad(i::text, 9, '0'), 'active', now()
      from generate_series(1, $1::int) as i`, [members]);
    await client.query(`
      insert into members (membership_id, person_id, union_id, node_code, card_number, occupation, street_code, status, joined_month, activated_at, updated_at)
      select md5('m' || i)::uuid, md5('p' || i)::uuid, md5('u' || (i % 17))::uuid, $2,
             'SEED' || lpad(i::text, 9, '0'),
             (array['rider','courier','ride_hail_driver','truck_driver','sanitation','other'])[1 + i % 6],
             '330802' || lpad((1 + i % 30)::text, 3, '0'), 'active',
             date_trunc('month', now() - ((i % 36) || ' months')::interval)::date, now(), now()
      from generate_series(1, $1::int) as i`, [members, nodeCode]);
    // What the members projection would have counted for them.
    await client.query(`
      insert into member_counts (node_code, union_id, occupation, street_code, joined_month, status, members)
      select node_code, union_id, occupation, street_code, joined_month, status, count(*)::int from members group by 1, 2, 3, 4, 5, 6`);
    await client.query('analyze');
  } finally {
    await client.end();
  }
  return (performance.now() - started) / 1000;
}

async function count(url: string, table: 'members' | 'outbox'): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(`select count(*) as n from ${table}`)).rows[0].n);
  } finally {
    await client.end();
  }
}

/** Runs `work` over the items with at most `concurrency` in flight; returns the results in item order. */
async function pool<T, R>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}

function chunk<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
