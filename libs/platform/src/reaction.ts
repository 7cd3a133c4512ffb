import { DiscoveryService } from '@nestjs/core';
import type { Transaction } from 'kysely';
import type { EventEnvelope } from '@ws/contracts';
import type { AppendMeta } from '@ws/eventstore';
import { classifyFailure, derivedId } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { EventRefused, type Projection, type SetAsideEvent } from '@ws/projections';

/**
 * Marks a provider implementing EventReaction: something that acts on events — decides and
 * appends events, issues directives, queues messages — as opposed to a @ReadModel(), which only
 * writes rows it can throw away and rebuild. The platform runs it like a read model (its own
 * checkpoint, a lease, /health, /metrics, GET /admin/projections with `kind: 'reaction'`), never
 * rebuilds it, and applies the one reaction policy (docs/ARCHITECTURE.md, "Reactions").
 */
export const Reaction = DiscoveryService.createDecorator<void>();

/** What a reaction says of an event it did not act on because it did not come from its origin. */
export interface Forged {
  forged: string;
}

/**
 * What a reaction says of an event that asked several independent things (a task's wishes, a
 * check-in batch's cards) when the domain refused some of them before anything was written for
 * those: the rest commits, and the refusals are recorded as the event's (one line).
 */
export interface PartlyRefused {
  refused: string;
}

export interface EventReaction<DB = any> {
  /** Stable name: its checkpoint key, and what /health, /admin/projections and /admin/parked call it. */
  readonly name: string;
  /** `evt` (the subtree's events, the default) or `dir` (directives from the node's ancestors). */
  readonly stream?: 'evt' | 'dir';
  /** Subject filter inside the stream, or undefined for all of it. */
  readonly filter?: string;
  /** The event types it acts on; the others only move its checkpoint. Undefined: every event the filter lets through. */
  readonly events?: readonly string[];
  /**
   * Durable consumers of the JetStream transport this reaction took over from: on its first
   * start its checkpoint begins where the least advanced of them had acknowledged, and they are
   * deleted. The reaction's own idempotence absorbs what they had handled beyond that.
   */
  readonly replaces?: readonly string[];
  /**
   * Acts on one event through `trx`, the transaction that also advances the checkpoint (append
   * with `trx`: the events and their outbox rows commit with it). A DomainError it lets out is
   * the domain refusing: the event's effects roll back and the refusal is recorded. An event
   * whose origin does not fit is answered `{ forged }` before anything is written: it is parked.
   */
  react(trx: Transaction<DB>, event: ConsumedEvent): Promise<void | Forged | PartlyRefused>;
  /** After a batch committed: wake what sends what the batch queued. */
  afterCommit?(events: readonly ConsumedEvent[]): void;
}

/** The reaction as the projection runner runs it: its events one after another in the batch's transaction. */
export function reactionProjection(reaction: EventReaction): Projection {
  const types = reaction.events ? new Set(reaction.events) : undefined;
  return {
    name: reaction.name,
    stream: reaction.stream ?? 'evt',
    ...(reaction.filter !== undefined ? { filter: reaction.filter } : {}),
    tables: [],
    async apply(trx: Transaction<any>, events: readonly ConsumedEvent[]): Promise<SetAsideEvent[]> {
      const setAside: SetAsideEvent[] = [];
      for (const event of events) {
        if (types && !types.has(event.envelope.type)) continue;
        let outcome: void | Forged | PartlyRefused;
        try {
          outcome = await reaction.react(trx, event);
        } catch (error) {
          if (classifyFailure(error) !== 'refusal') throw error;
          throw new EventRefused(event.seq, (error as { code: string }).code, (error as Error).message);
        }
        if (outcome && 'forged' in outcome) setAside.push({ seq: event.seq, reason: 'forged', detail: outcome.forged });
        else if (outcome) setAside.push({ seq: event.seq, reason: 'refused', detail: outcome.refused });
      }
      return setAside;
    },
    ...(reaction.afterCommit ? { afterCommit: (events: readonly ConsumedEvent[]) => reaction.afterCommit!(events) } : {}),
  };
}

/**
 * Acts on each independent part of one event (a task's wishes, a check-in batch's cards): a part
 * the domain refuses — a decider's DomainError, thrown before anything was written for it — is
 * noted by `label` (never personal data: it is stored) and the others go on; anything else ends
 * the whole event as usual.
 */
export async function actOnEach<T>(parts: Iterable<T>, label: (part: T, index: number) => string, act: (part: T) => Promise<unknown>): Promise<void | PartlyRefused> {
  const refusals: string[] = [];
  let index = 0;
  for (const part of parts) {
    try {
      await act(part);
    } catch (error) {
      if (classifyFailure(error) !== 'refusal') throw error;
      refusals.push(`${label(part, index)}: ${(error as { code: string }).code}`);
    }
    index++;
  }
  if (refusals.length > 0) return { refused: refusals.join('; ') };
}

/**
 * The append metadata of what reaction `name` does for `envelope` (for its `part`, when it acts
 * on several aggregates): caused by the event, its events' ids derived from (reaction, event,
 * part), so a copy of the event republished past the duplicate window finds them stored and
 * appends nothing (CommandRunner.run, AppendMeta.idsFrom).
 */
export function reactionMeta(name: string, envelope: EventEnvelope, part = ''): AppendMeta {
  return { actor: `system:${name}`, causationId: envelope.eventId, correlationId: envelope.metadata.correlationId, idsFrom: derivedId(envelope.eventId, `${name}:${part}`) };
}
