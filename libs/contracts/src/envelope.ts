/**
 * What travels on the bus. Personal data never goes in `data`: events carry ids only.
 * The headers mirror the metadata so consumers can route and upcast without parsing bodies.
 */
export interface EventMetadata {
  correlationId: string;
  causationId: string;
  /** The node that recorded the event. */
  node: string;
  /** Who issued the command (a principal subject) or 'public' / 'system'. */
  actor?: string;
}

export interface EventEnvelope<TType extends string = string, TData = unknown> {
  eventId: string;
  type: TType;
  /** Schema version of `data`, for upcasting old events. */
  schema: number;
  streamId: string;
  /** Position in its stream; null for high-volume facts appended without a version. */
  streamVersion: number | null;
  occurredAt: string;
  data: TData;
  metadata: EventMetadata;
}

/** An event a decider returns: the event store adds ids, versions and metadata. */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  type: TType;
  data: TData;
  /** Schema version of `data` (default 1); raise it when the shape of `data` changes. */
  schema?: number;
}

export const HEADERS = {
  msgId: 'Nats-Msg-Id',
  type: 'ws-type',
  schema: 'ws-schema',
  occurredAt: 'ws-occurred-at',
  streamVersion: 'ws-stream-version',
  correlationId: 'ws-correlation-id',
  causationId: 'ws-causation-id',
} as const;
