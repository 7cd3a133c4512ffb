/** A stream's folded state as of one of its events, committed. */
export interface KeptState<S> {
  version: number;
  /** The id of the event at `version`: another event there means the stream is not what was folded. */
  lastEventId: string;
  state: S;
}

/**
 * The latest committed states of an aggregate's busiest streams, kept between commands so a
 * command reads only the events appended since (a points account grows by an entry per credit
 * for as long as the member stays: folding all of it on every credit made crediting slower the
 * longer an account was, ~400 ms a credit at 12 000 entries under load). Least recently used
 * streams are forgotten beyond `capacity`. Only committed states are kept: one decided in a
 * caller's transaction (a reaction's batch crediting points) once that transaction has committed
 * (CommandRunner's keepCommitted), so nothing here can be a write that was rolled back.
 */
export class KeptStates<S> {
  private readonly states = new Map<string, KeptState<S>>();

  constructor(private readonly capacity: number) {}

  get(streamId: string): KeptState<S> | undefined {
    const kept = this.states.get(streamId);
    if (kept) {
      this.states.delete(streamId);
      this.states.set(streamId, kept);
    }
    return kept;
  }

  keep(streamId: string, kept: KeptState<S>): void {
    const current = this.states.get(streamId);
    if (current && current.version > kept.version) return;
    this.states.delete(streamId);
    this.states.set(streamId, kept);
    if (this.states.size > this.capacity) this.states.delete(this.states.keys().next().value!);
  }

  forget(streamId: string): void {
    this.states.delete(streamId);
  }
}
