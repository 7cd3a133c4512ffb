import type { StationEvent } from '@ws/contracts';
import type { DomainError } from '@ws/kernel';
import { checkManagerId } from '../station.rules';
import type { StationState } from '../station.state';

/** 站长负责制: one responsible person per station, named by id. */
export interface AssignManager {
  type: 'AssignManager';
  stationId: string;
  managerId: string;
}

export function decideAssignManager(command: AssignManager, state: StationState): StationEvent[] | DomainError {
  const refusal = checkManagerId(command.managerId ?? '');
  if (refusal) return refusal;
  if (state.managerId === command.managerId) return [];
  return [{ type: 'ManagerAssigned', data: { stationId: command.stationId, managerId: command.managerId, previousManagerId: state.managerId } }];
}
