import { isStationClass, type StationClass, type StationEvent } from '@ws/contracts';
import type { DomainError } from '@ws/kernel';
import { stationsError } from '../../errors';
import type { StationState } from '../station.state';

/** 旗舰型 or 标准型 ("新建三个旗舰型新就业形态劳动者驿站"). */
export interface ClassifyStation {
  type: 'ClassifyStation';
  stationId: string;
  stationClass: StationClass;
}

export function decideClassifyStation(command: ClassifyStation, state: StationState): StationEvent[] | DomainError {
  if (!isStationClass(command.stationClass)) return stationsError('unknown_station_class', `未知驿站类型：${String(command.stationClass)}`, 'stationClass');
  if (state.stationClass === command.stationClass) return [];
  return [{ type: 'StationClassified', data: { stationId: command.stationId, stationClass: command.stationClass, previousClass: state.stationClass } }];
}
