import { DomainEvent } from '@ws/contracts';
import { DomainError } from './domain-error';

/** Facts a decider may need besides state and command; the clock is the only one so far. */
export interface DecideContext {
  now: Date;
}

/**
 * An aggregate as three pure functions (cf. Jérémie Chassaing's decider, Emmett's tests):
 * decide turns a command and the current state into new events or a refusal, evolve folds an
 * event into state, initialState is the state of a stream with no events.
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  decide(command: Command, state: State, context: DecideContext): Event[] | DomainError;
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export function fold<Event extends DomainEvent, State>(decider: Pick<Decider<never, Event, State>, 'evolve' | 'initialState'>, events: readonly Event[]): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}
