import { isDeepStrictEqual } from 'node:util';
import { isServiceCode, type ServiceCode, type ServiceSchedule, type StationEvent } from '@ws/contracts';
import type { DecideContext, DomainError } from '@ws/kernel';
import { stationsError } from '../../errors';
import type { StationState } from '../station.state';
import { checkSchedule, normaliseSchedule } from './schedule.rules';

/** Offers a service (增值服务) on a schedule; offering it again replaces the schedule. */
export interface OfferService {
  type: 'OfferService';
  stationId: string;
  service: ServiceCode;
  schedule: ServiceSchedule;
}

export function decideOfferService(command: OfferService, state: StationState, context: DecideContext): StationEvent[] | DomainError {
  if (!isServiceCode(command.service)) return stationsError('unknown_service', `未知服务项目：${command.service}`, 'service');
  const refusal = checkSchedule(command.schedule, context.now);
  if (refusal) return refusal;
  const schedule = normaliseSchedule(command.schedule);
  if (isDeepStrictEqual(state.services[command.service], schedule)) return [];
  return [{ type: 'ServiceOffered', data: { stationId: command.stationId, service: command.service, schedule } }];
}
