import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { IDENTITY_CONTEXT, type IdentityDirective } from '@ws/contracts';
import type { OfficerTrust, TrustedKey } from '@ws/kernel';
import { consumeFrom, lastSequence, type ConsumedEvent, type JetStreamClient, type JetStreamManager } from '@ws/messaging';
import type { PlatformConfig } from '../platform-config';
import { JETSTREAM, JETSTREAM_MANAGER, PLATFORM_CONFIG } from '../tokens';
import { TrustStore } from './trust-store';

/** Identity directives of any node on a DIR stream: dir.<province>.<city>.<district>.identity.<Type>.<id>. */
export const isIdentityDirectiveSubject = (subject: string) => subject.split('.')[4] === IDENTITY_CONTEXT;

const RETRY_MS = 1000;
/** An unknown kid makes the service look at the stream again at most this often. */
const REFRESH_EVERY_MS = 1000;
const REFRESH_WAIT_MS = 2000;

/**
 * Feeds the trust store from the node's DIR stream: at start-up it reads every identity directive
 * stored so far before the service takes requests, then follows the stream. It reads the stream
 * unfiltered (directives are few): on nats 2.9 a consumer filter must lie inside the stream's own
 * subjects, and the ancestors' directives, sourced, do not. A token signed with
 * a key not known yet (announced a moment ago) makes it check the stream once more.
 */
@Injectable()
export class IdentityTrust implements OfficerTrust, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(IdentityTrust.name);
  private readonly stop = new AbortController();
  private applied = 0;
  private waiters: Array<{ seq: number; resolve: () => void }> = [];
  private lastRefresh = 0;
  private refreshing: Promise<void> | undefined;
  private following: Promise<void> | undefined;

  constructor(
    readonly store: TrustStore,
    @Inject(JETSTREAM) private readonly js: JetStreamClient,
    @Inject(JETSTREAM_MANAGER) private readonly jsm: JetStreamManager,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const target = await lastSequence(this.jsm, this.config.streams.dir);
    this.following = this.follow();
    await this.reached(target);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.following;
  }

  key(kid: string): TrustedKey | undefined {
    return this.store.key(kid);
  }

  isRevoked(sessionId: string): boolean {
    return this.store.isRevoked(sessionId);
  }

  /** Takes every identity directive stored until now (at most once a second; waits at most 2 s). */
  refresh(): Promise<void> {
    if (Date.now() - this.lastRefresh < REFRESH_EVERY_MS) return this.refreshing ?? Promise.resolve();
    this.lastRefresh = Date.now();
    this.refreshing = this.catchUp(REFRESH_WAIT_MS).catch(() => undefined);
    return this.refreshing;
  }

  /** Waits until every identity directive on the stream now has been taken. */
  async catchUp(timeoutMs = 10_000): Promise<void> {
    const target = await lastSequence(this.jsm, this.config.streams.dir);
    await Promise.race([this.reached(target), new Promise<void>((_, reject) => setTimeout(() => reject(new Error('identity directives not caught up')), timeoutMs).unref())]);
  }

  private reached(seq: number): Promise<void> {
    if (this.applied >= seq) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  private async follow(): Promise<void> {
    while (!this.stop.signal.aborted) {
      try {
        await consumeFrom(this.js, {
          stream: this.config.streams.dir,
          startSeq: this.applied + 1,
          signal: this.stop.signal,
          idleFlushMs: 5,
          onBatch: (events, undecodable) => this.take(events, Math.max(events.at(-1)?.seq ?? 0, undecodable.at(-1)?.seq ?? 0)),
        });
      } catch (error) {
        this.logger.error(`reading identity directives failed, retrying: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  private async take(events: ConsumedEvent[], lastSeq: number): Promise<void> {
    for (const { envelope, subject } of events) {
      if (!isIdentityDirectiveSubject(subject)) continue;
      const believed = await this.store.accept({ type: envelope.type, data: envelope.data } as IdentityDirective, subject);
      if (!believed) this.logger.warn(`identity directive ${envelope.type} on ${subject} not believed (not from the node it names, or a bad key)`);
    }
    this.applied = Math.max(this.applied, lastSeq);
    const due = this.waiters.filter((waiter) => waiter.seq <= this.applied);
    this.waiters = this.waiters.filter((waiter) => waiter.seq > this.applied);
    for (const waiter of due) waiter.resolve();
  }
}
