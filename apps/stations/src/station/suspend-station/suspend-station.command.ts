import { parseIsoInstant, type StationEvent } from '@ws/contracts';
import type { DecideContext, DomainError } from '@ws/kernel';
import { stationsError } from '../../errors';
import { checkText, REASON_MAX } from '../station.rules';
import type { StationState } from '../station.state';

export interface SuspendStation {
  type: 'SuspendStation';
  stationId: string;
  reason: string;
  /** ISO instant the station is expected to reopen, if known. */
  until: string | null;
}

export function decideSuspendStation(command: SuspendStation, state: StationState, context: DecideContext): StationEvent[] | DomainError {
  if (state.status === 'suspended') return stationsError('station_already_suspended', '驿站已暂停服务');
  const refusal = checkText(command.reason, 'reason', REASON_MAX);
  if (refusal) return refusal;
  let until: string | null = null;
  if (command.until !== null) {
    const instant = parseIsoInstant(command.until);
    if (!instant || instant.getTime() <= context.now.getTime()) {
      return stationsError('invalid_suspension_end', '预计恢复时间应为将来的时间（ISO 8601，含时区）', 'until');
    }
    until = instant.toISOString();
  }
  return [{ type: 'StationSuspended', data: { stationId: command.stationId, reason: command.reason.trim(), until } }];
}
