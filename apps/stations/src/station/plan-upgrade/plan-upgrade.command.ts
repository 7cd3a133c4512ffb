import { isCalendarDate, isStandardCode, shanghaiToday, type StandardCode, type StationEvent } from '@ws/contracts';
import type { DecideContext, DomainError } from '@ws/kernel';
import { compliance } from '../../catalogue/standards';
import { stationsError } from '../../errors';
import { offeredServices, type StationState } from '../station.state';

/** Puts the station on an upgrade plan (提档升级) to a standard by a date; a new plan replaces the old. */
export interface PlanUpgrade {
  type: 'PlanUpgrade';
  stationId: string;
  standard: StandardCode;
  /** YYYY-MM-DD (Asia/Shanghai), today or later. */
  due: string;
}

export function decidePlanUpgrade(command: PlanUpgrade, state: StationState, context: DecideContext): StationEvent[] | DomainError {
  if (!isStandardCode(command.standard)) return stationsError('unknown_standard', `未知建设标准：${command.standard}`, 'standard');
  if (!isCalendarDate(command.due) || command.due < shanghaiToday(context.now)) {
    return stationsError('invalid_due_date', '完成期限应为今天或以后的日期（YYYY-MM-DD）', 'due');
  }
  const { compliant, missing, specialsLacking } = compliance(state.facilities, command.standard, offeredServices(state));
  if (compliant) return stationsError('upgrade_not_needed', '驿站已符合该标准，无需升级', 'standard');
  if (state.upgrade?.standard === command.standard && state.upgrade.due === command.due) return [];
  return [{ type: 'UpgradePlanned', data: { stationId: command.stationId, standard: command.standard, lacking: missing, specialsLacking, due: command.due } }];
}
