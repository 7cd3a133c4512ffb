import { DomainEvent } from '@ws/contracts';
import { AppendMeta, EventStore, StreamTarget } from '@ws/eventstore';
import { Decider, DomainError, fold } from '@ws/kernel';

export interface HandledCommand<Event extends DomainEvent, State> {
  /** State before the command (for callers that answer with it). */
  state: State;
  events: Event[];
  /** The stream's version after the command: the client's next If-Match. */
  version: number;
}

export interface HandleOptions<State> {
  now: Date;
  /** From If-Match; a mismatch is 409 before anything is decided. */
  expectedVersion?: number;
  meta?: AppendMeta;
  /** Event type → schema version, stamped on each appended event. */
  schemas?: Record<string, number>;
  /** Authorisation that needs the current state (e.g. "only your own station"): throw to refuse. */
  authorise?: (state: State) => void;
}

/**
 * The one way a command meets a stream: read, fold, authorise, decide, append at the version
 * read. Concurrent commands on one stream cannot both win (the event store's unique version).
 */
export async function handleCommand<Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  target: StreamTarget,
  command: Command,
  options: HandleOptions<State>,
): Promise<HandledCommand<Event, State>> {
  const { events, version } = await store.readStream(`${target.aggregate}-${target.aggregateId}`);
  if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
    throw new DomainError('version_conflict', `数据已被修改（当前版本 ${version}，请求基于 ${options.expectedVersion}）`, undefined, {
      expected: options.expectedVersion,
      actual: version,
    });
  }
  const state = fold(decider, events.map((e) => ({ type: e.type, data: e.data }) as Event));
  options.authorise?.(state);
  const decided = decider.decide(command, state, { now: options.now });
  if (decided instanceof DomainError) throw decided;
  if (decided.length > 0) {
    const stamped = options.schemas ? decided.map((e) => ({ ...e, schema: options.schemas![e.type] ?? 1 })) : decided;
    await store.appendToStream(target, version, stamped, options.meta);
  }
  return { state, events: decided, version: version + decided.length };
}
