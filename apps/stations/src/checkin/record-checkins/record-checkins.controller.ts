import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, uuidParam } from '@ws/kernel';
import { RecordCheckinDto, RecordCheckinsDto } from './record-checkins.dto';
import { RecordCheckinsHandler } from './record-checkins.handler';

/** 扫码打卡: public (no login, rate-limited); no name and no phone are ever asked. */
@ApiTags('打卡与到访 visits')
@Controller('stations/:id/checkins')
export class RecordCheckinsController {
  constructor(private readonly checkins: RecordCheckinsHandler) {}

  @Post()
  @Public()
  @HttpCode(201)
  @ApiOperation({ summary: '扫码打卡（单次）；同一幂等键只计一次' })
  @ApiBody({ type: RecordCheckinDto })
  // The hottest route: the handler's checkSingleVisit validates every field (unknown ones too)
  // with the same rules as the DTO, so the body skips the class-validator pass, which would double the work.
  single(@Param('id', uuidParam()) stationId: string, @Body() body: Record<string, unknown>) {
    return this.checkins.single(stationId, body);
  }

  @Post('batch')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '批量打卡（终端离线上传），逐条答复：accepted / duplicate / rejected' })
  batch(@Param('id', uuidParam()) stationId: string, @Body() dto: RecordCheckinsDto) {
    return this.checkins.batch(stationId, dto);
  }
}
