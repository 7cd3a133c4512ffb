import { DomainEvent } from '@ws/contracts';
import { Decider, DomainError, fold } from '@ws/kernel';

const DEFAULT_NOW = new Date('2026-06-01T02:00:00.000Z');

/**
 * given(events) → when(command) → then(events | error), as Emmett's DeciderSpecification:
 *   spec(stationDecider).given([registered]).when(suspend).then([suspended]);
 *   spec(stationDecider).given([]).when(suspend).thenError('station_not_found');
 */
export function spec<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, now: Date = DEFAULT_NOW) {
  return {
    given(events: readonly E[]) {
      return {
        when(command: C) {
          const result = () => decider.decide(command, fold(decider, events), { now });
          return {
            then(expected: readonly E[]): void {
              const outcome = result();
              if (outcome instanceof DomainError) {
                throw new Error(`expected events, got error ${outcome.code}: ${outcome.message}`);
              }
              expect(outcome).toEqual(expected);
            },
            thenError(code: string, field?: string): DomainError {
              const outcome = result();
              if (!(outcome instanceof DomainError)) {
                throw new Error(`expected error ${code}, got events ${JSON.stringify(outcome)}`);
              }
              expect(outcome.code).toBe(code);
              if (field !== undefined) expect(outcome.field).toBe(field);
              return outcome;
            },
            thenNothing(): void {
              const outcome = result();
              expect(outcome).toEqual([]);
            },
          };
        },
      };
    },
  };
}
