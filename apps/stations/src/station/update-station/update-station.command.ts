import { isDeepStrictEqual } from 'node:util';
import type { StationChanges, StationEvent } from '@ws/contracts';
import type { DomainError } from '@ws/kernel';
import { checkDetails, normaliseOpeningHours } from '../station.rules';
import type { StationState } from '../station.state';

export interface UpdateStation {
  type: 'UpdateStation';
  stationId: string;
  changes: StationChanges;
}

const UPDATABLE = ['name', 'kind', 'tier', 'host', 'hours', 'seats', 'contactPhone'] as const satisfies ReadonlyArray<keyof StationChanges>;

/** Records only the fields that differ from the current details; if none differ, there is no event. */
export function decideUpdateStation(command: UpdateStation, state: StationState): StationEvent[] | DomainError {
  const refusal = checkDetails(command.changes);
  if (refusal) return refusal;
  const { name, hours } = command.changes;
  const requested: StationChanges = {
    ...command.changes,
    ...(name !== undefined ? { name: name.trim() } : {}),
    ...(hours !== undefined ? { hours: normaliseOpeningHours(hours) } : {}),
  };
  const current = state.details!;
  const changes: Record<string, unknown> = {};
  for (const field of UPDATABLE) {
    const value = requested[field];
    if (value !== undefined && !isDeepStrictEqual(value, current[field])) changes[field] = value;
  }
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'StationUpdated', data: { stationId: command.stationId, changes: changes as StationChanges } }];
}
