import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsOptional, Matches } from 'class-validator';
import { ISO_INSTANT, VISIT_OCCUPATIONS } from '@ws/contracts';
import type { VisitOccupation } from '@ws/contracts';
import { describeCodes, OCCUPATION_LABELS } from '../../catalogue/labels';
import { MAX_VISITS_PER_BATCH, VISIT_KEY } from '../visit-validation';

const KEY_DOC = { description: '幂等键：8–64 位字母、数字、_ 或 -；同一驿站同一键只计一次', example: '01J9Z7K3W2QF8N5R' };
const AT_DOC = { description: '打卡时间（ISO 8601，含时区）；不得晚于当前 5 分钟，不得早于 30 天前', example: '2026-06-01T12:05:00+08:00' };
const OCCUPATION_DOC = { enum: [...VISIT_OCCUPATIONS], description: `职业：${describeCodes(OCCUPATION_LABELS)}` };
const CARD_DOC = { description: '工会会员卡号（可选，6–20 位字母或数字，不区分大小写）；不收集姓名和手机号', example: 'ZJ330802000123' };

/** One live check-in by the station's QR code (扫码打卡); `at` defaults to now. */
export class RecordCheckinDto {
  @ApiProperty(KEY_DOC)
  @Matches(VISIT_KEY, { message: 'key must be 8–64 characters of A–Z, a–z, 0–9, _ or -' })
  key!: string;

  @ApiPropertyOptional(AT_DOC)
  @IsOptional()
  @Matches(ISO_INSTANT, { message: 'at must be an ISO 8601 instant with a time zone' })
  at?: string;

  @ApiProperty(OCCUPATION_DOC)
  @IsIn(VISIT_OCCUPATIONS)
  occupation!: VisitOccupation;

  @ApiPropertyOptional(CARD_DOC)
  @IsOptional()
  @Matches(/^\s*[A-Za-z0-9]{6,20}\s*$/, { message: 'memberCard must be 6–20 letters or digits' })
  memberCard?: string;
}

/** The shape of one item of a batch, for the OpenAPI page only: items are checked one by one. */
export class BatchVisitDoc {
  @ApiProperty(KEY_DOC) key!: string;
  @ApiProperty(AT_DOC) at!: string;
  @ApiProperty(OCCUPATION_DOC) occupation!: VisitOccupation;
  @ApiPropertyOptional(CARD_DOC) memberCard?: string;
}

/**
 * A batch of check-ins (a kiosk's offline upload). Only the envelope is validated here: each item
 * is judged on its own by checkVisitBatch, so one bad item is rejected with its reason and the
 * others are still recorded.
 */
export class RecordCheckinsDto {
  @ApiProperty({ type: () => [BatchVisitDoc], description: `1–${MAX_VISITS_PER_BATCH} 条打卡记录，逐条校验、逐条答复` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_VISITS_PER_BATCH)
  @IsObject({ each: true })
  visits!: Array<Record<string, unknown>>;
}
