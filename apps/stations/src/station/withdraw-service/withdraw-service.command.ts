import { isServiceCode, type ServiceCode, type StationEvent } from '@ws/contracts';
import type { DomainError } from '@ws/kernel';
import { stationsError } from '../../errors';
import type { StationState } from '../station.state';

export interface WithdrawService {
  type: 'WithdrawService';
  stationId: string;
  service: ServiceCode;
}

export function decideWithdrawService(command: WithdrawService, state: StationState): StationEvent[] | DomainError {
  if (!isServiceCode(command.service)) return stationsError('unknown_service', `未知服务项目：${command.service}`, 'service');
  if (!state.services[command.service]) return stationsError('service_not_offered', '驿站没有提供该服务', 'service');
  return [{ type: 'ServiceWithdrawn', data: { stationId: command.stationId, service: command.service } }];
}
