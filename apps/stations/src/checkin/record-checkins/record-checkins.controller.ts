import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, DomainError, Public, uuidParam } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { stationsError } from '../../errors';
import { RecordCheckinDto, RecordCheckinsDto } from '../record-checkins.dto';
import { StationIngestLimits } from '../ingest-limits';
import { checkSingleVisit, checkVisitBatch } from '../visit-validation';
import { RecordCheckinsService } from './record-checkins.service';

/** 扫码打卡: public (no login, rate-limited); no name and no phone are ever asked. */
@ApiTags('打卡与到访 visits')
@Controller('stations/:id/checkins')
export class RecordCheckinsController {
  constructor(
    private readonly checkins: RecordCheckinsService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly limits: StationIngestLimits,
  ) {}

  @Post()
  @Public()
  @HttpCode(201)
  @ApiOperation({ summary: '扫码打卡（单次）；同一幂等键只计一次' })
  @ApiBody({ type: RecordCheckinDto })
  // The hottest route: checkSingleVisit validates every field (unknown ones too) with the same
  // rules as the DTO, so the body skips the class-validator pass, which would double the work.
  async single(@Param('id', uuidParam()) stationId: string, @Body() body: Record<string, unknown>) {
    const visit = checkSingleVisit(body, this.clock.now());
    if (visit instanceof DomainError) throw visit;
    this.limits.single(stationId);
    const outcome = await this.checkins.record({ stationId, visits: [visit] });
    if (outcome.status === 'unknown_station') throw stationsError('station_not_found', `驿站 ${stationId} 不存在`, 'id');
    return { key: visit.key, status: outcome.accepted.length === 1 ? 'accepted' : 'duplicate' };
  }

  @Post('batch')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '批量打卡（终端离线上传），逐条答复：accepted / duplicate / rejected' })
  async batch(@Param('id', uuidParam()) stationId: string, @Body() dto: RecordCheckinsDto) {
    const checked = checkVisitBatch(dto.visits, this.clock.now());
    if (checked instanceof DomainError) throw checked;
    this.limits.batch(stationId, checked.accepted.length);
    const outcome = await this.checkins.record({ stationId, visits: checked.accepted });
    if (outcome.status === 'unknown_station') throw stationsError('station_not_found', `驿站 ${stationId} 不存在`, 'id');
    const accepted = new Set(outcome.accepted);
    const items = checked.verdicts.map((verdict) =>
      verdict.status === 'accepted'
        ? { index: verdict.index, key: verdict.visit.key, status: accepted.has(verdict.visit.key) ? 'accepted' : 'duplicate' }
        : { index: verdict.index, key: verdict.key, status: 'rejected', code: verdict.reason, field: verdict.field, message: verdict.message },
    );
    return {
      accepted: outcome.accepted.length,
      duplicates: outcome.duplicates.length,
      rejected: checked.rejected.length,
      items,
    };
  }
}
