import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { DAY } from '../activity/plan-activity/plan-activity.dto';
import { stationsError } from '../errors';

export const MAX_RANGE_DAYS = 400;

/** A report's range of days (YYYY-MM-DD, inclusive): real days, in order, at most MAX_RANGE_DAYS long. */
export function checkDayRange(fromDay: string, toDay: string): void {
  const from = Date.parse(fromDay);
  const to = Date.parse(toDay);
  if (Number.isNaN(from) || Number.isNaN(to)) throw stationsError('validation_failed', '日期无效', Number.isNaN(from) ? 'from' : 'to');
  if (to < from) throw stationsError('validation_failed', '结束日期早于起始日期', 'to');
  if ((to - from) / 86_400_000 > MAX_RANGE_DAYS) throw stationsError('validation_failed', `时间范围不能超过 ${MAX_RANGE_DAYS} 天`, 'to');
}

/** ?from&to of a figures route: Beijing days, both inclusive (checked further by checkDayRange). */
export class DayRangeDto {
  @ApiProperty({ description: '起始日期（含）YYYY-MM-DD，北京时间' }) @Matches(DAY, { message: 'from must be YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ description: '结束日期（含）YYYY-MM-DD' }) @Matches(DAY, { message: 'to must be YYYY-MM-DD' })
  to!: string;
}
