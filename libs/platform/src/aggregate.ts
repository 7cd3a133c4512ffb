import type { DomainEvent } from '@ws/contracts';
import { streamIdOf } from '@ws/eventstore';
import type { StreamTarget } from '@ws/eventstore';
import type { Decider } from '@ws/kernel';

/**
 * One aggregate of a service: its pure decider, where its streams live (`<aggregate>-<id>` in
 * the service's event store, the aggregate token of the event's subject) and the schema version
 * of each event it writes. The command path (CommandRunner) takes it with an id, so no caller
 * spells a stream id, builds a stream target or stamps a schema itself.
 */
export interface AggregateDefinition<C, E extends DomainEvent, S> {
  readonly context: string;
  readonly aggregate: string;
  readonly decider: Decider<C, E, S>;
  /** Event type → schema version, written to the `ws-schema` header (1 when a type is missing). */
  readonly schemas: Readonly<Record<string, number>>;
  /**
   * Streams whose latest states CommandRunner keeps between commands (0: none). Only for an
   * aggregate whose evolve never changes the state it is given and whose streams are written
   * only by versioned appends (every CommandRunner append is).
   */
  readonly keptStates: number;
  target(id: string): StreamTarget;
  streamId(id: string): string;
}

/**
 * `schemas` must name every event type the decider can write, so a new event without a schema
 * version is a compile error rather than a silent 1.
 */
export function defineAggregate<C, E extends DomainEvent, S>(definition: {
  context: string;
  aggregate: string;
  decider: Decider<C, E, S>;
  schemas: Readonly<Record<E['type'], number>>;
  keptStates?: number;
}): AggregateDefinition<C, E, S> {
  const { context, aggregate, decider, schemas, keptStates = 0 } = definition;
  return {
    context,
    aggregate,
    decider,
    schemas,
    keptStates,
    target: (aggregateId) => ({ context, aggregate, aggregateId }),
    streamId: (aggregateId) => streamIdOf({ context, aggregate, aggregateId }),
  };
}
