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
}

export function streamIdOf(target: StreamTarget): string {
  return `${target.aggregate}-${target.aggregateId}`;
}
