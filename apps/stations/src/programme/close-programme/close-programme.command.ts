import { isCalendarDate, type ProgrammeEvent } from '@ws/contracts';
import type { DecideContext, DomainError } from '@ws/kernel';
import { stationsError } from '../../errors';
import type { ProgrammeState } from '../programme.state';

export interface CloseProgramme {
  type: 'CloseProgramme';
  programmeId: string;
  closedOn: string;
}

export function decideCloseProgramme(command: CloseProgramme, state: ProgrammeState, _context: DecideContext): ProgrammeEvent[] | DomainError {
  if (!state.terms) return stationsError('programme_not_found', `项目 ${command.programmeId} 不存在`, 'programmeId');
  if (state.status === 'closed') return stationsError('programme_closed', '项目已结束', 'programmeId');
  if (!isCalendarDate(command.closedOn)) return stationsError('invalid_programme_period', 'closedOn 应为有效日期 YYYY-MM-DD', 'closedOn');
  return [{ type: 'ProgrammeClosed', data: { programmeId: command.programmeId, closedOn: command.closedOn } }];
}
