import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsISO8601, IsUUID, Matches, ValidateNested } from 'class-validator';
import { CurrentPrincipal, newId, Roles, authorize } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { CommandRunner } from '@ws/platform';
import { assertStreetInNode } from '../../shared/street-code';
import type { ShiftCommand } from '../shift.decider';
import { assertActiveVolunteer } from '../active-volunteer';
import { shiftAggregate } from '../../aggregates';

export class RotaShiftDto {
  @ApiProperty() @IsUUID()
  volunteerId!: string;

  @ApiProperty({ example: '2026-06-02T01:00:00Z' }) @IsISO8601({ strict: true })
  startsAt!: string;

  @ApiProperty({ example: '2026-06-02T05:00:00Z' }) @IsISO8601({ strict: true })
  endsAt!: string;
}

export class ScheduleRotaDto {
  @ApiProperty() @IsUUID()
  stationId!: string;

  @ApiProperty({ example: '330802001' }) @Matches(/^[0-9a-z]{6}\d{3}$/, { message: 'streetCode must be a 9-character street code' })
  streetCode!: string;

  @ApiProperty({ type: [RotaShiftDto] })
  @ValidateNested({ each: true }) @Type(() => RotaShiftDto) @ArrayMinSize(1) @ArrayMaxSize(200)
  shifts!: RotaShiftDto[];
}

@ApiTags('轮值 shifts')
@ApiBearerAuth()
@Controller('shifts/rota')
export class ScheduleRotaController {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('station_manager', 'street_officer', 'district_officer')
  @ApiOperation({ summary: '排班：为站点排定一组轮值班次（每个班次一个事件流）' })
  async schedule(@Body() body: ScheduleRotaDto, @CurrentPrincipal() principal: Principal) {
    assertStreetInNode(body.streetCode, this.platform.node.code);
    authorize(principal, { street: body.streetCode, station: body.stationId, field: 'stationId' });
    // Check every volunteer before writing anything: a rota with one unknown name is sent back whole.
    for (const [index, shift] of body.shifts.entries()) {
      await assertActiveVolunteer(this.runner, shift.volunteerId, `shifts.${index}.volunteerId`);
    }
    const shiftIds: string[] = [];
    for (const shift of body.shifts) {
      const shiftId = newId();
      await this.runner.run(
        shiftAggregate,
        shiftId,
        (): ShiftCommand => ({
          type: 'ScheduleShift',
          shift: {
            shiftId,
            stationId: body.stationId,
            streetCode: body.streetCode,
            volunteerId: shift.volunteerId,
            startsAt: new Date(shift.startsAt).toISOString(),
            endsAt: new Date(shift.endsAt).toISOString(),
          },
        }),
        { meta: { actor: principal.subject } },
      );
      shiftIds.push(shiftId);
    }
    return { stationId: body.stationId, shiftIds };
  }
}
