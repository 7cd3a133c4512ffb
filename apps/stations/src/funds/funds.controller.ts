import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { SPENDING_CATEGORIES, SPENDING_CATEGORY_LABELS, type SpendingCategory } from '@ws/contracts';
import { CurrentPrincipal, newId, type Principal, type Role, Roles, uuidParam } from '@ws/kernel';
import { CommandRunner, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import { describeCodes } from '../catalogue/labels';
import { DAY } from '../activity/plan-activity/plan-activity.dto';
import { NAME_MAX, REASON_MAX, TITLE_MAX } from '../station/station.rules';
import { NOT_BLANK } from '../station/shared/dto-decorators';
import { assertMayActAt } from '../station/venue';
import { venueStation } from '../station/venue-station';
import type { BudgetCommand } from './budget.decider';
import { budgetAggregate } from '../aggregates';
import { stationsError } from '../errors';

const FUND_OFFICERS: Role[] = ['province_officer', 'city_officer', 'district_officer'];
const SPENDERS: Role[] = [...FUND_OFFICERS, 'street_officer', 'station_manager'];

export class AllocateBudgetDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: '驿站的经费；本级工会的经费不填' }) @IsOptional() @IsUUID()
  stationId?: string | null;

  @ApiProperty({ example: 2026 }) @IsInt()
  year!: number;

  @ApiProperty({ maxLength: TITLE_MAX, example: '驿站活动经费' }) @IsString() @MaxLength(TITLE_MAX) @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title!: string;

  @ApiProperty({ description: '金额（分，整数）', example: 500_000 }) @IsInt()
  amountFen!: number;
}

export class AdjustBudgetDto {
  @ApiProperty({ description: '调整后的预算总额（分，整数），不低于已支出', example: 600_000 }) @IsInt()
  amountFen!: number;

  @ApiProperty({ maxLength: REASON_MAX, example: '追加夏送清凉经费' }) @IsString() @MaxLength(REASON_MAX) @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;
}

export class RecordSpendingDto {
  @ApiProperty({ enum: [...SPENDING_CATEGORIES], description: `支出类别：${describeCodes(SPENDING_CATEGORY_LABELS)}` }) @IsIn(SPENDING_CATEGORIES)
  category!: SpendingCategory;

  @ApiProperty({ description: '金额（分，整数）', example: 120_000 }) @IsInt()
  amountFen!: number;

  @ApiProperty({ example: '2026-05-20' }) @Matches(DAY, { message: 'spentOn must be YYYY-MM-DD' })
  spentOn!: string;

  @ApiProperty({ maxLength: NAME_MAX, description: '收款单位（不填个人）', example: '新华书店湖州分店' })
  @IsString() @MaxLength(NAME_MAX) @Matches(NOT_BLANK, { message: 'payee must not be blank' })
  payee!: string;
}

/** Funds (经费): officers allocate budgets to their node or a station; spending is recorded against them, never past the balance. */
@ApiTags('经费 funds')
@ApiBearerAuth()
@Controller('funds/budgets')
export class FundsController {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  @Post() @Roles(...FUND_OFFICERS)
  @ApiOperation({ summary: '下达预算：本级工会或某驿站的年度经费（分）' })
  async allocate(@Body() dto: AllocateBudgetDto, @CurrentPrincipal() p: Principal) {
    const stationId = dto.stationId ?? null;
    const station = stationId === null ? null : await venueStation(this.commands, stationId);
    return this.run({ type: 'AllocateBudget', budgetId: newId(), year: dto.year, title: dto.title, amountFen: dto.amountFen, nodeCode: this.config.node.code, stationId, station }, p);
  }

  @Post(':id/adjust') @HttpCode(200) @Roles(...FUND_OFFICERS)
  @ApiOperation({ summary: '调整预算总额（不低于已支出）' })
  adjust(@Param('id', uuidParam()) id: string, @Body() dto: AdjustBudgetDto, @CurrentPrincipal() p: Principal) {
    return this.run({ type: 'AdjustBudget', budgetId: id, amountFen: dto.amountFen, reason: dto.reason }, p);
  }

  @Post(':id/spending') @Roles(...SPENDERS)
  @ApiOperation({ summary: '登记支出：类别、金额（分）、日期、收款单位；超出余额即拒绝（budget_exceeded）' })
  spend(@Param('id', uuidParam()) id: string, @Body() dto: RecordSpendingDto, @CurrentPrincipal() p: Principal) {
    return this.run({ type: 'RecordSpending', budgetId: id, spendingId: newId(), category: dto.category, amountFen: dto.amountFen, spentOn: dto.spentOn, payee: dto.payee }, p);
  }

  /** A station's budget is spent by its manager or street; the node's own by its officers only. */
  private async run(command: BudgetCommand, principal: Principal) {
    const result = await this.commands.run(
      budgetAggregate,
      command.budgetId,
      (state) => {
        const holder = state.holder;
        if (holder && command.type === 'RecordSpending') {
          if (holder.level === 'node' && !FUND_OFFICERS.includes(principal.role)) throw stationsError('out_of_scope', '本级工会的经费只能由本级工会登记支出');
          assertMayActAt(principal, { stationId: holder.stationId, streetCode: holder.streetCode }, '经费');
        }
        return command;
      },
      { meta: { actor: principal.subject } },
    );
    const { amountFen, spentFen } = result.state;
    return { budgetId: command.budgetId, version: result.version, events: result.events.map((e) => e.type), amountFen, spentFen, balanceFen: amountFen - spentFen };
  }
}
