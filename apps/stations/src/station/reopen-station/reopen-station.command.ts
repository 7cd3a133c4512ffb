import type { StationEvent } from '@ws/contracts';
import type { DomainError } from '@ws/kernel';
import { stationsError } from '../../errors';
import type { StationState } from '../station.state';

export interface ReopenStation {
  type: 'ReopenStation';
  stationId: string;
}

export function decideReopenStation(command: ReopenStation, state: StationState): StationEvent[] | DomainError {
  if (state.status !== 'suspended') return stationsError('station_not_suspended', '只有暂停服务的驿站可以恢复服务');
  return [{ type: 'StationReopened', data: { stationId: command.stationId } }];
}
