import type { StationEvent } from '@ws/contracts';
import type { DomainError } from '@ws/kernel';
import { compliance, STANDARDS } from '../../catalogue/standards';
import { stationsError } from '../../errors';
import { offeredServices, type StationState } from '../station.state';

/** Marks the planned upgrade done: only once the station's facilities meet the planned standard. */
export interface CompleteUpgrade {
  type: 'CompleteUpgrade';
  stationId: string;
}

export function decideCompleteUpgrade(command: CompleteUpgrade, state: StationState): StationEvent[] | DomainError {
  if (!state.upgrade) return stationsError('no_upgrade_planned', '驿站没有待完成的升级计划');
  const { standard } = state.upgrade;
  const { compliant, missing, specialsLacking } = compliance(state.facilities, standard, offeredServices(state));
  if (!compliant) {
    return stationsError('upgrade_incomplete', `尚未达到${STANDARDS[standard].label}标准`, 'facilities', { missing, specialsLacking });
  }
  return [{ type: 'UpgradeCompleted', data: { stationId: command.stationId, standard } }];
}
