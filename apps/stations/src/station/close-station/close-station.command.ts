import type { StationEvent } from '@ws/contracts';
import type { DomainError } from '@ws/kernel';
import { checkText, REASON_MAX } from '../station.rules';

/** Closing is final, from active or suspended; the station keeps its history but takes no more commands. */
export interface CloseStation {
  type: 'CloseStation';
  stationId: string;
  reason: string;
}

export function decideCloseStation(command: CloseStation): StationEvent[] | DomainError {
  const refusal = checkText(command.reason, 'reason', REASON_MAX);
  if (refusal) return refusal;
  return [{ type: 'StationClosed', data: { stationId: command.stationId, reason: command.reason.trim() } }];
}
