import { cpus, loadavg } from 'node:os';
import { Client } from 'pg';
import { eventually } from '@ws/testing';
import { LoopCluster, LOOP_TIMEOUT_MS } from '../apps/wishes/src/testing/loop-cluster';
import { percentile } from './bench-node';

/**
 * Wishes per second through the whole loop, with the wishes and dispatch services as built
 * processes on a throw-away node: a rider posts → the station accepts → the street officer
 * dispatches it (统一派单) → dispatch invites a volunteer → a simulated volunteer, polling their
 * invitations, accepts and completes → the wish shows 已完成 → the rider confirms.
 * Also: the time from "dispatched" (the officer's decision answered 201) to the invitation being
 * visible to the volunteer (their GET /volunteers/me/invitations lists it; polled every 50 ms: the figure is that coarse).
 */
const WISHES = Number(process.env['BENCH_WISHES'] ?? 300);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 16);
const VOLUNTEERS = Number(process.env['BENCH_VOLUNTEERS'] ?? 8);
const VOLUNTEER_POLL_MS = Number(process.env['BENCH_VOLUNTEER_POLL_MS'] ?? 50);
const STATUS_POLL_MS = 200;
/** BENCH_LOG_LEVEL=warn shows the services' warnings (refused reactions, retries) on stderr. */
const LOG_LEVEL = process.env['BENCH_LOG_LEVEL'] ?? 'error';

interface Invitation {
  invitationId: string;
  taskId: string;
  task: { wishIds: string[] };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const cluster = new LoopCluster({
    env: {
      wishes: { LOG_LEVEL: LOG_LEVEL },
      dispatch: { LOG_LEVEL: LOG_LEVEL, INVITATION_TTL_SECONDS: '3600', DISPATCH_SWEEP_MS: '1000' },
    },
    logTo: LOG_LEVEL === 'error' ? 'ignore' : 'inherit',
  });
  try {
    await cluster.start('wishes');
    await cluster.start('dispatch');
    const station = await cluster.registerStation();
    const manager = await cluster.token('station_manager', { station: station.stationId });
    const officer = await cluster.token('street_officer', { street: cluster.street });
    const volunteers = [];
    for (let i = 0; i < VOLUNTEERS; i++) volunteers.push(await cluster.volunteer('general'));
    await eventually(async () => (await cluster.http('wishes', 'POST', '/wishes', { body: { stationId: station.stationId, category: 'other', text: '预热' } })).status === 201, { what: 'station known', timeoutMs: LOOP_TIMEOUT_MS });

    const dispatchedAt = new Map<string, number>();
    const visibleAt = new Map<string, number>();
    const reportedAt = new Map<string, number>();
    const loopMs: number[] = [];
    const steps = { post: [] as number[], accept: [] as number[], decide: [] as number[], answer: [] as number[], completedVisible: [] as number[] };
    let running = true;

    const volunteerLoops = volunteers.map(async (volunteer) => {
      const handled = new Set<string>();
      while (running) {
        const pending = await cluster.http('dispatch', 'GET', '/volunteers/me/invitations?status=pending', { token: volunteer.token });
        for (const invitation of (pending.body ?? []) as Invitation[]) {
          if (handled.has(invitation.invitationId)) continue;
          handled.add(invitation.invitationId);
          const now = Date.now();
          for (const wishId of invitation.task.wishIds) if (!visibleAt.has(wishId)) visibleAt.set(wishId, now);
          const accepted = await cluster.http('dispatch', 'POST', `/tasks/${invitation.taskId}/invitations/${invitation.invitationId}/accept`, { token: volunteer.token });
          if (accepted.status !== 200) continue;
          await cluster.ok('dispatch', 'POST', `/tasks/${invitation.taskId}/complete`, {
            token: volunteer.token,
            body: { notes: '已上门处理', photoRefs: ['bench-photo'], hours: 1 },
          });
          const done = Date.now();
          steps.answer.push(done - now);
          for (const wishId of invitation.task.wishIds) reportedAt.set(wishId, done);
        }
        await sleep(VOLUNTEER_POLL_MS);
      }
    });

    // Backlogs while the loop runs: unpublished outbox rows and events the wish board has not applied.
    const backlog = { outbox: 0, board: 0 };
    const wishesDb = new Client({ connectionString: cluster.databaseUrl('wishes') });
    await wishesDb.connect();
    const sampler = (async () => {
      while (running) {
        const outbox = await wishesDb.query<{ n: number }>('select count(*)::int as n from outbox');
        backlog.outbox = Math.max(backlog.outbox, outbox.rows[0]!.n);
        const health = await cluster.http('wishes', 'GET', '/health');
        const board = health.body?.info?.projections?.['wishes.board'] ?? health.body?.error?.projections?.['wishes.board'];
        backlog.board = Math.max(backlog.board, board?.lagEvents ?? 0);
        await sleep(250);
      }
    })();

    let next = 0;
    const started = Date.now();
    const riders = Array.from({ length: CONCURRENCY }, async () => {
      while (next < WISHES) {
        next += 1;
        const postedAt = Date.now();
        const wish = await cluster.ok('wishes', 'POST', '/wishes', { body: { stationId: station.stationId, category: 'other', text: `基准心愿 ${next}` } });
        const posted = Date.now();
        await cluster.ok('wishes', 'POST', `/wishes/${wish.wishId}/accept`, { token: manager });
        const accepted = Date.now();
        await cluster.ok('wishes', 'POST', `/streets/${cluster.street}/decisions`, {
          token: officer,
          body: { category: 'other', mode: 'individual_tasks', wishIds: [wish.wishId], title: '基准派单' },
        });
        const decided = Date.now();
        dispatchedAt.set(wish.wishId, decided);
        steps.post.push(posted - postedAt);
        steps.accept.push(accepted - posted);
        steps.decide.push(decided - accepted);
        await eventually(
          async () => (await cluster.http('wishes', 'GET', `/wishes/no/${wish.wishNo}`)).body?.status === 'completed',
          { what: `wish ${wish.wishNo} completed`, timeoutMs: 120_000, everyMs: STATUS_POLL_MS },
        );
        steps.completedVisible.push(Date.now() - (reportedAt.get(wish.wishId) ?? NaN));
        await cluster.ok('wishes', 'POST', `/wishes/no/${wish.wishNo}/confirm`, { body: { authorKey: wish.authorKey, rating: 5 } });
        loopMs.push(Date.now() - postedAt);
      }
    });
    await Promise.all(riders);
    const elapsedS = (Date.now() - started) / 1000;
    running = false;
    await Promise.all([...volunteerLoops, sampler]);
    await wishesDb.end();

    // Where the time goes between the volunteer's completion and the wish: the reaction, by event times.
    const completedAt = new Map<string, number>();
    for (const e of await cluster.streamEvents('dispatch.task.*.TaskCompleted')) {
      for (const wishId of (e.data as { wishIds: string[] }).wishIds) completedAt.set(wishId, Date.parse(e.occurredAt));
    }
    const reactionMs = (await cluster.streamEvents('wishes.wish.*.WishCompleted'))
      .map((e) => Date.parse(e.occurredAt) - (completedAt.get((e.data as { wishId: string }).wishId) ?? NaN));
    const visibleMs = [...dispatchedAt.entries()]
      .filter(([wishId]) => visibleAt.has(wishId))
      .map(([wishId, at]) => visibleAt.get(wishId)! - at)
      .sort((a, b) => a - b);
    loopMs.sort((a, b) => a - b);
    const fmt = (ms: number) => `${Math.round(ms)} ms`;
    const spread = (values: number[]) => {
      const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
      return `p50 ${fmt(percentile(sorted, 50))} p99 ${fmt(percentile(sorted, 99))}`;
    };
    process.stdout.write(
      [
        `bench:wishes — ${WISHES} wishes, ${CONCURRENCY} riders at once, ${VOLUNTEERS} simulated volunteers (poll ${VOLUNTEER_POLL_MS} ms); ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
        `  whole loop (post → accept → dispatch → invite → accept → complete → 已完成 → confirm): ${(WISHES / elapsedS).toFixed(1)} wishes/s (${elapsedS.toFixed(1)} s)`,
        `  one wish's loop: p50 ${fmt(percentile(loopMs, 50))}, p99 ${fmt(percentile(loopMs, 99))}`,
        `  dispatched → invitation visible to the volunteer (${visibleMs.length} samples): p50 ${fmt(percentile(visibleMs, 50))}, p95 ${fmt(percentile(visibleMs, 95))}, p99 ${fmt(percentile(visibleMs, 99))}, max ${fmt(visibleMs[visibleMs.length - 1] ?? NaN)}`,
        `  largest backlog in wishes: ${backlog.outbox} outbox rows, ${backlog.board} events behind in the wish board`,
        `  TaskCompleted recorded by dispatch → WishCompleted recorded by wishes: ${spread(reactionMs)}`,
        `  steps: post ${spread(steps.post)} | accept ${spread(steps.accept)} | decide ${spread(steps.decide)} | volunteer accept+complete ${spread(steps.answer)} | completion → 已完成 on the status page ${spread(steps.completedVisible)}`,
        '',
      ].join('\n'),
    );
  } finally {
    await cluster.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:wishes failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
