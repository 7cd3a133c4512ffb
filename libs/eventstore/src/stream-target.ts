import { derivedId } from '@ws/kernel';

export interface StreamTarget {
  context: string;
  aggregate: string;
  aggregateId: string;
}

export interface AppendMeta {
  /** Defaults to the id of the first event appended. */
  correlationId?: string;
  /** Defaults to the id of the first event appended. */
  causationId?: string;
  actor?: string;
  /**
   * A reaction's append: the events' ids derive from this (`derivedEventId`) instead of being
   * new, so that a copy of the causing event republished past the stream's duplicate window finds
   * them stored (`EventStore.appended`) and appends nothing. See docs/ARCHITECTURE.md, "Reactions".
   */
  idsFrom?: string;
}

/** The id of the `index`th event of an append made with `idsFrom`. */
export function derivedEventId(idsFrom: string, index: number): string {
  return derivedId(idsFrom, `event:${index}`);
}

export function streamIdOf(target: StreamTarget): string {
  return `${target.aggregate}-${target.aggregateId}`;
}
