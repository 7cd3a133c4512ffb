import { isCalendarDate, isProgrammeKind, type ProgrammeEvent, type ProgrammeTerms } from '@ws/contracts';
import type { DecideContext, DomainError } from '@ws/kernel';
import { stationsError } from '../../errors';
import { checkText } from '../../station/station.rules';
import { PROGRAMME_PLACES_MAX, PROGRAMME_TARGET_MAX, PROGRAMME_TITLE_MAX } from '../programme.rules';
import type { ProgrammeState } from '../programme.state';

export interface LaunchProgramme extends ProgrammeTerms {
  type: 'LaunchProgramme';
}

const whole = (value: unknown, min: number, max: number) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

/** A programme's terms: a target of people, places if counted, a share rule that is a percentage, a period in order. */
export function decideLaunchProgramme(command: LaunchProgramme, state: ProgrammeState, _context: DecideContext): ProgrammeEvent[] | DomainError {
  if (state.status !== 'none') return stationsError('programme_already_launched', '该项目已发布', 'programmeId');
  const refusal =
    (isProgrammeKind(command.kind) ? null : stationsError('unknown_programme_kind', `未知项目类型：${String(command.kind)}`, 'kind')) ??
    checkText(command.title, 'title', PROGRAMME_TITLE_MAX) ??
    (whole(command.target, 1, PROGRAMME_TARGET_MAX) ? null : stationsError('invalid_programme_target', `目标人次应为 1–${PROGRAMME_TARGET_MAX} 的整数`, 'target')) ??
    (command.places === null || whole(command.places, 1, PROGRAMME_PLACES_MAX) ? null : stationsError('invalid_places', `场次/名额应为 1–${PROGRAMME_PLACES_MAX} 的整数`, 'places')) ??
    (whole(command.minNewFormSharePercent, 0, 100) ? null : stationsError('invalid_quota_rule', '新就业形态劳动者占比下限应为 0–100 的整数（百分比）', 'minNewFormSharePercent')) ??
    (isCalendarDate(command.startsOn) ? null : stationsError('invalid_programme_period', 'startsOn 应为有效日期 YYYY-MM-DD', 'startsOn')) ??
    (isCalendarDate(command.endsOn) && command.endsOn >= command.startsOn ? null : stationsError('invalid_programme_period', 'endsOn 应为不早于 startsOn 的有效日期', 'endsOn'));
  if (refusal) return refusal;
  const { programmeId, kind, target, places, minNewFormSharePercent, startsOn, endsOn } = command;
  return [{ type: 'ProgrammeLaunched', data: { programmeId, kind, title: command.title.trim(), target, places, minNewFormSharePercent, startsOn, endsOn } }];
}
