import { isHonourLevel, shanghaiYear, type HonourLevel, type StationEvent } from '@ws/contracts';
import type { DecideContext, DomainError } from '@ws/kernel';
import { stationsError } from '../../errors';
import { EARLIEST_YEAR } from '../review-station/review-station.command';
import { checkText, TITLE_MAX } from '../station.rules';
import type { StationState } from '../station.state';

/** An honour such as 全国总工会"最美工会户外劳动者服务站点" for a year; each honour once. */
export interface AwardHonour {
  type: 'AwardHonour';
  stationId: string;
  year: number;
  level: HonourLevel;
  title: string;
}

export function decideAwardHonour(command: AwardHonour, state: StationState, context: DecideContext): StationEvent[] | DomainError {
  if (!Number.isInteger(command.year) || command.year < EARLIEST_YEAR || command.year > shanghaiYear(context.now)) {
    return stationsError('honour_year_invalid', `荣誉年度应在 ${EARLIEST_YEAR} 年至今年之间`, 'year');
  }
  if (!isHonourLevel(command.level)) return stationsError('unknown_honour_level', `未知荣誉级别：${command.level}`, 'level');
  const refusal = checkText(command.title, 'title', TITLE_MAX);
  if (refusal) return refusal;
  const title = command.title.trim();
  if (state.honours.some((h) => h.year === command.year && h.level === command.level && h.title === title)) {
    return stationsError('honour_already_awarded', '该荣誉已记录', 'title');
  }
  return [{ type: 'HonourAwarded', data: { stationId: command.stationId, year: command.year, level: command.level, title } }];
}
