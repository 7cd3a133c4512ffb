import type { Kysely } from 'kysely';
import { hasUnknownSchema } from '@ws/contracts';
import { committedTransaction } from '@ws/eventstore';
import { classifyFailure } from '@ws/kernel';
import { ConsumedEvent, consumeFrom, decodeEnvelope, lastSequence, UndecodableMessage, type JetStreamClient, type JetStreamManager } from '@ws/messaging';
import { advanceCheckpoint, ensureCheckpoint, readCheckpoint } from './checkpoints';
import { findParked, noteRetryFailed, ParkEntry, parkMessage, removeParked } from './parked-messages';
import { EventRefused, type ForgedEvent, type Projection } from './projection';
import { backoff } from './backoff';
import { ProjectionLeases } from './projection-leases';
import type { ProjectionMetrics } from './projection-metrics';
import { beginRebuild, finishRebuild, PendingRebuild, readRebuild } from './rebuilds';

export interface ProjectionRunnerOptions {
  stream: string;
  /**
   * `reaction`: its batches act (append events with their outbox rows, queue messages), so each
   * commits durably (never with `synchronous_commit = off`), what it parks is listed as a
   * reaction's, and an event the domain refuses (EventRefused) is recorded and passed. Default
   * `projection` (a read model).
   */
  kind?: 'projection' | 'reaction';
  /** Most events in one transaction (default 1000); a live projection's batches are what arrived meanwhile. */
  batchSize?: number;
  /** Most events in one transaction while a full rebuild replays the stream (default 10 000). */
  rebuildBatchSize?: number;
  /** Pause before resuming from the checkpoint after a failed batch (default 250 ms), doubled on each failure in a row. */
  retryDelayMs?: number;
  /** Longest pause between two attempts (default 10 s): a Postgres back after an outage is noticed within it. */
  maxRetryDelayMs?: number;
  /**
   * Run only while holding the projection's lease (default true): of several processes sharing
   * the database, one applies the projection and the others stand by, following its checkpoint,
   * and take over when it stops or dies. Whatever this says, a batch commits only if the
   * checkpoint is still where its runner read it, so the effect stays exactly-once even if two
   * runners ever apply at the same time.
   */
  exclusive?: boolean;
  /** How often a standby tries the lease and reads the checkpoint (default 1000 ms). */
  standbyPollMs?: number;
  metrics?: ProjectionMetrics;
  logger?: { log(message: string): void; error(message: unknown, ...rest: unknown[]): void };
}

interface Waiter {
  position: number;
  resolve(): void;
}

/** How often a running projection compares its position with the checkpoint in the database. */
const DRIFT_CHECK_MS = 2_000;
/**
 * Failures of one batch (an error that is not the infrastructure's) before it is taken apart
 * event by event, so the one event that fails every time is parked and the rest applied.
 */
const FAULTS_BEFORE_ISOLATING = 3;

/** What a retry of a parked message came to. */
export type ParkedRetry = { outcome: 'applied' } | { outcome: 'gone' } | { outcome: 'refused'; detail: string } | { outcome: 'failed'; reason: ParkEntry['reason']; detail: string };

/** The checkpoint is not where this runner left it: a rebuild, or another runner, moved it. */
class CheckpointMoved extends Error {
  constructor(name: string, expected: number) {
    super(`checkpoint of ${name} is no longer at ${expected}`);
  }
}

/**
 * Runs one projection: an ordered consumer from checkpoint + 1, one Postgres transaction per
 * batch holding the read-model writes and the new checkpoint. On any failure it drops the
 * consumer and resumes from the committed checkpoint, so nothing is applied twice or skipped.
 */
export class ProjectionRunner {
  private controller?: AbortController;
  private loop?: Promise<void>;
  private current = 0;
  private lastOccurredAt?: number;
  private waiters: Waiter[] = [];
  private applying = false;
  private leads = false;
  private pendingRebuild?: PendingRebuild;
  private readonly leases?: ProjectionLeases;
  /** Consecutive faults of the batch starting after `from`. */
  private faults = { from: -1, count: 0 };
  /** Failed rounds since the last commit: the pause before the next one grows with them. */
  private failures = 0;

  constructor(
    private readonly db: Kysely<any>,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions,
  ) {
    if (options.exclusive !== false) this.leases = ProjectionLeases.of(db);
  }

  get name(): string {
    return this.projection.name;
  }

  /** The stream sequence of the last event applied and committed (a standby's is read from the checkpoint). */
  get position(): number {
    return this.current;
  }

  /** Whether this process is the one applying the projection now (false while standing by). */
  get leading(): boolean {
    return this.leads;
  }

  async start(): Promise<void> {
    if (this.loop) return;
    await ensureCheckpoint(this.db, this.name);
    this.current = await readCheckpoint(this.db, this.name);
    this.pendingRebuild = await readRebuild(this.db, this.name);
    this.options.metrics?.position.set({ projection: this.name }, this.current);
    const controller = new AbortController();
    this.controller = controller;
    this.loop = this.run(controller.signal);
  }

  async stop(): Promise<void> {
    this.controller?.abort();
    await this.loop;
    this.loop = undefined;
    this.controller = undefined;
  }

  /**
   * Empties the read model and replays the stream from the start, in bigger batches and without
   * the tables' secondary indexes until it has caught up with what the stream held when the
   * rebuild began (see beginRebuild). Safe from any process: a runner elsewhere finds the
   * checkpoint moved (at its next batch, or its next drift check) and starts over from it.
   */
  async rebuild(): Promise<void> {
    await this.stop();
    const target = await lastSequence(this.jsm, this.options.stream, this.projection.filter);
    await this.db.transaction().execute((trx) => beginRebuild(trx, this.name, this.projection.tables, target));
    await this.start();
  }

  /** Whether a full rebuild is still replaying (its secondary indexes are dropped meanwhile). */
  get rebuilding(): boolean {
    return this.pendingRebuild !== undefined;
  }

  /** How many stream positions the read model is behind (an upper bound when filtered). */
  async lag(): Promise<{ events: number; seconds: number }> {
    const last = await lastSequence(this.jsm, this.options.stream, this.projection.filter);
    const events = Math.max(0, last - this.current);
    const seconds = events > 0 && this.lastOccurredAt ? Math.max(0, (Date.now() - this.lastOccurredAt) / 1000) : 0;
    this.options.metrics?.lag.set({ projection: this.name }, events);
    return { events, seconds };
  }

  /** Resolves once the projection has applied the stream up to `position` (read-your-writes). */
  waitFor(position: number, timeoutMs = 10_000): Promise<void> {
    if (this.current >= position) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`${this.kindLabel} ${this.name} did not reach ${position} within ${timeoutMs} ms (at ${this.current})`));
      }, timeoutMs);
      const waiter: Waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Resolves once everything the stream holds now (for this filter) is applied. */
  async catchUp(timeoutMs = 30_000): Promise<void> {
    const last = await lastSequence(this.jsm, this.options.stream, this.projection.filter);
    await this.waitFor(last, timeoutMs);
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const leading = new AbortController();
      const follow = () => leading.abort();
      signal.addEventListener('abort', follow, { once: true });
      try {
        if (!(await this.acquire(signal, follow))) break;
        this.setLeading(true);
        await this.lead(leading.signal);
      } catch (error) {
        if (signal.aborted) break;
        this.failures++;
        const wait = backoff(this.failures, this.options.retryDelayMs ?? 250, this.options.maxRetryDelayMs ?? 10_000);
        // Said on the first failure and then at growing intervals, not on every one of a long outage.
        if ((this.failures & (this.failures - 1)) === 0) this.options.logger?.error(`${this.kindLabel} ${this.name} failed at ${this.current} (${this.failures}×); resuming from checkpoint in ${wait} ms`, error);
        this.options.metrics?.failures.inc({ projection: this.name });
        await delay(wait, signal);
      } finally {
        signal.removeEventListener('abort', follow);
        this.setLeading(false);
        await this.leases?.release(this.name, signal.aborted);
      }
      await this.refreshFromCheckpoint().catch(() => undefined);
    }
  }

  /**
   * Follows the stream from the checkpoint for as long as this runner holds the lease. When the
   * checkpoint moves under it (a rebuild begun elsewhere, another runner's batch), it starts again
   * from the checkpoint and keeps the lease: giving it up would only let a standby race it for the
   * same work.
   */
  private async lead(lease: AbortSignal): Promise<void> {
    while (!lease.aborted) {
      const round = new AbortController();
      const end = () => round.abort();
      lease.addEventListener('abort', end, { once: true });
      let drift: NodeJS.Timeout | undefined;
      try {
        // Whoever ran it before may have moved the checkpoint, or begun a rebuild, since we last looked.
        await this.refreshFromCheckpoint();
        this.pendingRebuild = await readRebuild(this.db, this.name);
        await this.finishRebuildIfDone();
        drift = setInterval(() => void this.checkDrift(round), DRIFT_CHECK_MS);
        await consumeFrom(this.js, {
          stream: this.options.stream,
          filter: this.projection.filter,
          startSeq: this.current + 1,
          batchSize: this.pendingRebuild ? (this.options.rebuildBatchSize ?? 10_000) : (this.options.batchSize ?? 1000),
          signal: round.signal,
          onBatch: (events, undecodable) => this.applyBatch(events, undecodable),
        });
      } catch (error) {
        if (!(error instanceof CheckpointMoved) || lease.aborted) throw error;
        this.options.logger?.log(`${this.kindLabel} ${this.name}: ${error.message}; resuming from the checkpoint`);
      } finally {
        clearInterval(drift);
        lease.removeEventListener('abort', end);
      }
    }
  }

  /** Waits for the lease (if exclusive), following the checkpoint meanwhile; false once stopped. */
  private async acquire(signal: AbortSignal, onLost: () => void): Promise<boolean> {
    if (!this.leases) return !signal.aborted;
    let reported = false;
    while (!signal.aborted) {
      try {
        if (await this.leases.tryAcquire(this.name, onLost)) return !signal.aborted;
        await this.refreshFromCheckpoint();
      } catch (error) {
        if (!reported) this.options.logger?.error(`${this.kindLabel} ${this.name}: cannot take its lease; retrying`, error);
        reported = true;
      }
      await delay(this.options.standbyPollMs ?? 1000, signal);
    }
    return false;
  }

  private async refreshFromCheckpoint(): Promise<void> {
    this.current = await readCheckpoint(this.db, this.name);
    this.options.metrics?.position.set({ projection: this.name }, this.current);
    this.releaseWaiters();
  }

  /** A rebuild started elsewhere resets the checkpoint while this runner may have nothing to apply. */
  private async checkDrift(leading: AbortController): Promise<void> {
    const before = this.current;
    if (this.applying) return;
    const stored = await readCheckpoint(this.db, this.name).catch(() => before);
    if (stored !== before && this.current === before && !this.applying) {
      this.options.logger?.log(`${this.kindLabel} ${this.name}: checkpoint moved from ${before} to ${stored}; resuming from it`);
      leading.abort();
    }
  }

  /**
   * Applies a batch and moves the checkpoint past it, in one transaction. A message this code
   * cannot read (not an envelope, or a schema newer than it knows) is parked in that transaction
   * instead of applied. A batch that fails FAULTS_BEFORE_ISOLATING times in a row with an error
   * that is not the infrastructure's is taken apart: each event alone, and the one that fails is
   * parked with the checkpoint past it, so one poison event never stops the read model. An
   * infrastructure failure is never a reason to park: it is retried from the checkpoint.
   */
  private async applyBatch(events: ConsumedEvent[], undecodable: UndecodableMessage[]): Promise<void> {
    const fresh = events.filter((e) => e.seq > this.current);
    const unreadable = undecodable.filter((m) => m.seq > this.current);
    if (fresh.length === 0 && unreadable.length === 0) return;
    const steps = [...fresh.map((event) => this.stepOf(event)), ...unreadable.map((message) => this.stepOfUndecodable(message))].sort((a, b) => a.seq - b.seq);
    await this.commitSteps(steps);
  }

  /**
   * Commits `steps` from the checkpoint. A reaction's refused event splits them: the batch rolls
   * back, what came before it is committed, the refusal is recorded alone, then the rest goes on.
   */
  private async commitSteps(steps: Step[]): Promise<void> {
    let rest = steps;
    while (rest.length > 0) {
      const from = this.current;
      try {
        await this.commit(from, rest[rest.length - 1]!.seq, rest);
        return;
      } catch (error) {
        if (error instanceof EventRefused && this.isReaction) {
          const refused = rest.find((step) => step.seq === error.seq && step.event);
          if (!refused) throw new Error(`${this.kindLabel} ${this.name} refused #${error.seq}, which was not in its batch`);
          await this.commitSteps(rest.filter((step) => step.seq < error.seq));
          await this.commit(this.current, error.seq, [this.refusedStep(refused, error)]);
          rest = rest.filter((step) => step.seq > error.seq);
          continue;
        }
        if (error instanceof CheckpointMoved || classifyFailure(error) !== 'fault' || this.noteFault(from) < FAULTS_BEFORE_ISOLATING) throw error;
        this.options.logger?.log(`${this.kindLabel} ${this.name}: the batch after ${from} failed ${FAULTS_BEFORE_ISOLATING} times; applying it event by event`);
        for (const step of rest) await this.commitAlone(step);
        return;
      }
    }
  }

  private get isReaction(): boolean {
    return this.options.kind === 'reaction';
  }

  /** What the log calls it. */
  private get kindLabel(): string {
    return this.isReaction ? 'reaction' : 'projection';
  }

  private refusedStep(step: Step, refusal: EventRefused): Step {
    return { seq: step.seq, park: this.parkEntry(step.event!, 'refused', refusal.message, 1) };
  }

  /** One event alone: applied, or parked if it fails with a fault; an infrastructure failure is thrown. */
  private async commitAlone(step: Step): Promise<void> {
    if (step.seq <= this.current) return;
    try {
      await this.commit(this.current, step.seq, [step]);
    } catch (error) {
      if (error instanceof EventRefused && this.isReaction && step.event) return this.commit(this.current, step.seq, [this.refusedStep(step, error)]);
      if (error instanceof CheckpointMoved || classifyFailure(error) !== 'fault' || !step.event) throw error;
      await this.commit(this.current, step.seq, [{ seq: step.seq, park: this.parkEntry(step.event, 'failed', describe(error), FAULTS_BEFORE_ISOLATING) }]);
    }
  }

  private async commit(from: number, to: number, steps: Step[]): Promise<void> {
    let applied = steps.flatMap((step) => (step.park ? [] : [step.event!]));
    const parked = steps.flatMap((step) => (step.park ? [step.park] : []));
    const stopTimer = this.options.metrics?.batchSeconds.startTimer({ projection: this.name });
    this.applying = true;
    try {
      // Committed with its onCommit hooks: what a reaction's commands decided is kept once it holds.
      await committedTransaction(this.db, async (trx) => {
        if (applied.length > 0) {
          const forged = (await this.projection.apply(trx, applied)) ?? [];
          parked.push(...forged.map((f) => this.parkEntry(eventAt(applied, f), 'reason' in f ? f.reason : 'forged', f.detail, 1)));
        }
        for (const entry of parked) await parkMessage(trx, entry);
        if (!(await advanceCheckpoint(trx, this.name, from, to, { durable: this.isReaction }))) throw new CheckpointMoved(this.name, from);
      });
    } finally {
      this.applying = false;
    }
    stopTimer?.();
    this.faults = { from: -1, count: 0 };
    this.failures = 0;
    for (const entry of parked) {
      if (entry.reason === 'refused') this.options.logger?.log(`${this.kindLabel} ${this.name}: #${entry.seq} ${entry.subject} refused (${entry.detail})`);
      else this.options.logger?.error(`${this.kindLabel} ${this.name}: parked #${entry.seq} ${entry.subject} (${entry.reason}: ${entry.detail})`);
    }
    const parkedSeqs = new Set(parked.map((entry) => entry.seq));
    applied = applied.filter((event) => !parkedSeqs.has(event.seq));
    if (applied.length > 0) this.projection.afterCommit?.(applied);
    this.current = to;
    const newest = applied[applied.length - 1];
    if (newest) this.lastOccurredAt = Date.parse(newest.envelope.occurredAt);
    this.options.metrics?.position.set({ projection: this.name }, this.current);
    this.options.metrics?.applied.inc({ projection: this.name }, applied.length);
    if (parked.length > 0) this.options.metrics?.parked.inc({ projection: this.name }, parked.length);
    await this.finishRebuildIfDone();
    this.releaseWaiters();
  }

  private noteFault(from: number): number {
    this.faults = this.faults.from === from ? { from, count: this.faults.count + 1 } : { from, count: 1 };
    return this.faults.count;
  }

  private stepOf(event: ConsumedEvent): Step {
    const { type, schema } = event.envelope;
    if (hasUnknownSchema(event.subject, type, schema)) return { seq: event.seq, event, park: this.parkEntry(event, 'unknown_schema', `${type} schema ${schema} is newer than this code knows`, 1) };
    return { seq: event.seq, event };
  }

  private stepOfUndecodable(message: UndecodableMessage): Step {
    return {
      seq: message.seq,
      park: { ...this.parkBase(message.seq, message.subject), reason: 'undecodable', detail: message.reason, payload: message.data, attempts: 1 },
    };
  }

  private parkEntry(event: ConsumedEvent, reason: ParkEntry['reason'], detail: string, attempts: number): ParkEntry {
    const { envelope } = event;
    return {
      ...this.parkBase(event.seq, event.subject),
      eventId: envelope.eventId,
      type: envelope.type,
      schema: envelope.schema,
      reason,
      detail,
      payload: Buffer.from(JSON.stringify(envelope)),
      attempts,
    };
  }

  private parkBase(seq: number, subject: string): Pick<ParkEntry, 'consumer' | 'kind' | 'stream' | 'seq' | 'subject'> {
    return { consumer: this.name, kind: this.isReaction ? 'reaction' : 'projection', stream: this.options.stream, seq, subject };
  }

  /**
   * Applies a parked message of this projection now (after an upgrade, or a fix of what made
   * it fail), out of its stream order, and removes it in the same transaction; a second retry
   * of the same message finds it gone. Failing again, it stays parked with the new reason.
   */
  async retryParked(id: number): Promise<ParkedRetry> {
    const parked = await findParked(this.db, id);
    if (!parked || parked.consumer !== this.name) return { outcome: 'gone' };
    let event: ConsumedEvent;
    try {
      event = { seq: parked.seq, subject: parked.subject, envelope: decodeEnvelope(parked.payload) };
    } catch (error) {
      return this.retryFailed(id, 'undecodable', describe(error));
    }
    if (hasUnknownSchema(event.subject, event.envelope.type, event.envelope.schema)) {
      return this.retryFailed(id, 'unknown_schema', `${event.envelope.type} schema ${event.envelope.schema} is still newer than this code knows`);
    }
    let removed = false;
    let partlyRefused: string | undefined;
    try {
      await committedTransaction(this.db, async (trx) => {
        removed = await removeParked(trx, id);
        const setAside = removed ? ((await this.projection.apply(trx, [event])) ?? []) : [];
        for (const item of setAside) {
          if (!('reason' in item) || item.reason === 'forged') throw new StillForged(item.detail);
          // The rest of what it asked is done now; the refused part is recorded as on delivery.
          await parkMessage(trx, this.parkEntry(event, 'refused', item.detail, 1));
          partlyRefused = item.detail;
        }
      });
    } catch (error) {
      if (error instanceof StillForged) return this.retryFailed(id, 'forged', error.message);
      if (error instanceof EventRefused && this.isReaction) {
        // Refused now as it would have been on delivery: recorded as a refusal, no longer parked.
        await noteRetryFailed(this.db, id, 'refused', error.message);
        return { outcome: 'refused', detail: error.message };
      }
      if (classifyFailure(error) !== 'fault') throw error;
      return this.retryFailed(id, 'failed', describe(error));
    }
    if (!removed) return { outcome: 'gone' };
    this.projection.afterCommit?.([event]);
    if (partlyRefused !== undefined) return { outcome: 'refused', detail: partlyRefused };
    this.options.logger?.log(`${this.kindLabel} ${this.name}: parked #${event.seq} ${event.subject} applied on retry`);
    return { outcome: 'applied' };
  }

  private async retryFailed(id: number, reason: ParkEntry['reason'], detail: string): Promise<ParkedRetry> {
    await noteRetryFailed(this.db, id, reason, detail);
    return { outcome: 'failed', reason, detail };
  }

  /** Once a rebuild has replayed what the stream held when it began: indexes back, normal mode. */
  private async finishRebuildIfDone(): Promise<void> {
    if (!this.pendingRebuild || this.current < this.pendingRebuild.target) return;
    const started = Date.now();
    await finishRebuild(this.db, this.name);
    this.pendingRebuild = undefined;
    this.options.logger?.log(`${this.kindLabel} ${this.name}: rebuild replayed to ${this.current}; indexes recreated in ${Date.now() - started} ms`);
  }

  private setLeading(leading: boolean): void {
    this.leads = leading;
    this.options.metrics?.leading.set({ projection: this.name }, leading ? 1 : 0);
  }

  private releaseWaiters(): void {
    const ready = this.waiters.filter((w) => w.position <= this.current);
    this.waiters = this.waiters.filter((w) => w.position > this.current);
    for (const waiter of ready) waiter.resolve();
  }
}

/** A retried message is still refused for its origin: the transaction that removed it rolls back. */
class StillForged extends Error {}

function eventAt(events: readonly ConsumedEvent[], forged: ForgedEvent): ConsumedEvent {
  const event = events.find((e) => e.seq === forged.seq);
  if (!event) throw new Error(`a projection refused #${forged.seq}, which was not in its batch`);
  return event;
}

/** One message of a batch: an event to apply, or a message to park in its place. */
interface Step {
  seq: number;
  event?: ConsumedEvent;
  park?: ParkEntry;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
