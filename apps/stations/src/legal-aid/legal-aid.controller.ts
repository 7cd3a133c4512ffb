import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Kysely, Transaction } from 'kysely';
import {
  LEGAL_CASE_KIND_LABELS,
  LEGAL_CASE_KINDS,
  LEGAL_CASE_OUTCOME_LABELS,
  LEGAL_CASE_OUTCOMES,
  LEGAL_REFERRAL_PARTNER_LABELS,
  LEGAL_REFERRAL_PARTNERS,
  OCCUPATIONS,
  type LegalCaseKind,
  type LegalCaseOutcome,
  type LegalReferralPartner,
  type Occupation,
} from '@ws/contracts';
import { CurrentPrincipal, newId, type Principal, type Role, Roles, uuidParam } from '@ws/kernel';
import { CommandRunner, DB, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import { describeCodes, OCCUPATION_LABELS } from '../catalogue/labels';
import { DAY } from '../activity/plan-activity/plan-activity.dto';
import type { StationsDatabase } from '../db/database';
import { NAME_MAX, STREET_CODE } from '../station/station.rules';
import { NOT_BLANK } from '../station/shared/dto-decorators';
import { assertMayActAt } from '../station/venue';
import { venueStation } from '../station/venue-station';
import { LegalAidVault } from './legal-aid-vault';
import type { LegalCaseCommand } from './legal-case.decider';
import { legalCaseAggregate } from '../aggregates';
import { stationsError } from '../errors';

export const LEGAL_HANDLERS: Role[] = ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'];
const MOBILE = /^1[3-9]\d{9}$/;
const ACCOUNT_MAX = 2000;

export class ReceiveLegalCaseDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: '受理驿站；街道受理时不填' }) @IsOptional() @IsUUID()
  stationId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '街道（乡镇）代码，9位' }) @IsOptional() @Matches(STREET_CODE, { message: 'streetCode must be 9 digits' })
  streetCode?: string | null;

  @ApiProperty({ enum: [...LEGAL_CASE_KINDS], description: `类型：${describeCodes(LEGAL_CASE_KIND_LABELS)}` }) @IsIn(LEGAL_CASE_KINDS)
  kind!: LegalCaseKind;

  @ApiProperty({ enum: [...OCCUPATIONS], description: `当事人职业：${describeCodes(OCCUPATION_LABELS)}` }) @IsIn(OCCUPATIONS)
  occupation!: Occupation;

  @ApiProperty({ example: '2026-05-10' }) @Matches(DAY, { message: 'receivedOn must be YYYY-MM-DD' })
  receivedOn!: string;

  @ApiProperty({ description: '当事人姓名（只存于加密库）', maxLength: NAME_MAX }) @IsString() @MaxLength(NAME_MAX) @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ description: '当事人手机（只存于加密库）', example: '13800000000' }) @Matches(MOBILE, { message: 'mobile must be a mainland mobile number' })
  mobile!: string;

  @ApiPropertyOptional({ nullable: true, maxLength: NAME_MAX, description: '用工单位或平台' }) @IsOptional() @IsString() @MaxLength(NAME_MAX)
  employer?: string | null;

  @ApiProperty({ maxLength: ACCOUNT_MAX, description: '诉求与经过（只存于加密库）' }) @IsString() @MaxLength(ACCOUNT_MAX) @Matches(NOT_BLANK, { message: 'account must not be blank' })
  account!: string;
}

export class CaseStepDto {
  @ApiProperty({ example: '2026-05-12' }) @Matches(DAY, { message: 'on must be YYYY-MM-DD' })
  on!: string;
}

export class SettleCaseDto extends CaseStepDto {
  @ApiProperty({ description: '为当事人挽回的金额（分，整数）', example: 1_280_000 }) @IsInt()
  recoveredFen!: number;
}

export class ReferCaseDto extends CaseStepDto {
  @ApiProperty({ enum: [...LEGAL_REFERRAL_PARTNERS], description: `转交：${describeCodes(LEGAL_REFERRAL_PARTNER_LABELS)}` }) @IsIn(LEGAL_REFERRAL_PARTNERS)
  partner!: LegalReferralPartner;
}

export class CloseCaseDto extends CaseStepDto {
  @ApiProperty({ enum: [...LEGAL_CASE_OUTCOMES], description: `结果：${describeCodes(LEGAL_CASE_OUTCOME_LABELS)}` }) @IsIn(LEGAL_CASE_OUTCOMES)
  outcome!: LegalCaseOutcome;
}

/** Legal aid (公益法律援助, 共享法庭): stations and streets receive cases, mediate, settle or refer, close; the worker's details stay in the vault. */
@ApiTags('法律援助 legal aid')
@ApiBearerAuth()
@Controller('legal-aid/cases')
export class LegalAidController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly vault: LegalAidVault,
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  @Post() @Roles(...LEGAL_HANDLERS)
  @ApiOperation({ summary: '受理：法律咨询或劳动争议；当事人姓名、手机、诉求只存于加密库，事件中只有引用' })
  async receive(@Body() dto: ReceiveLegalCaseDto, @CurrentPrincipal() p: Principal) {
    const stationId = dto.stationId ?? null;
    const station = stationId === null ? null : await venueStation(this.commands, stationId);
    assertMayActAt(p, { stationId, streetCode: station?.streetCode ?? dto.streetCode ?? null }, '法律援助案件');
    const workerRef = newId();
    const command: LegalCaseCommand = {
      type: 'ReceiveLegalCase', caseId: newId(), kind: dto.kind, occupation: dto.occupation, receivedOn: dto.receivedOn, workerRef,
      nodeCode: this.config.node.code, stationId, streetCode: dto.streetCode ?? null, station,
    };
    const worker = { name: dto.name.trim(), mobile: dto.mobile, employer: dto.employer?.trim() || null, account: dto.account.trim() };
    return this.run(command, p, (trx) => this.vault.store(trx, workerRef, worker));
  }

  @Post(':id/mediation') @HttpCode(200) @Roles(...LEGAL_HANDLERS)
  @ApiOperation({ summary: '开始调解' })
  mediate(@Param('id', uuidParam()) id: string, @Body() dto: CaseStepDto, @CurrentPrincipal() p: Principal) {
    return this.run({ type: 'StartMediation', caseId: id, on: dto.on }, p);
  }

  @Post(':id/settle') @HttpCode(200) @Roles(...LEGAL_HANDLERS)
  @ApiOperation({ summary: '调解成功：挽回金额（分）' })
  settle(@Param('id', uuidParam()) id: string, @Body() dto: SettleCaseDto, @CurrentPrincipal() p: Principal) {
    return this.run({ type: 'SettleLegalCase', caseId: id, on: dto.on, recoveredFen: dto.recoveredFen }, p);
  }

  @Post(':id/refer') @HttpCode(200) @Roles(...LEGAL_HANDLERS)
  @ApiOperation({ summary: '转交共享法庭、劳动仲裁、司法所或法律援助中心' })
  refer(@Param('id', uuidParam()) id: string, @Body() dto: ReferCaseDto, @CurrentPrincipal() p: Principal) {
    return this.run({ type: 'ReferLegalCase', caseId: id, on: dto.on, partner: dto.partner }, p);
  }

  @Post(':id/close') @HttpCode(200) @Roles(...LEGAL_HANDLERS)
  @ApiOperation({ summary: '结案：结果' })
  close(@Param('id', uuidParam()) id: string, @Body() dto: CloseCaseDto, @CurrentPrincipal() p: Principal) {
    return this.run({ type: 'CloseLegalCase', caseId: id, on: dto.on, outcome: dto.outcome }, p);
  }

  @Get(':id/worker') @Roles(...LEGAL_HANDLERS)
  @ApiOperation({ summary: '当事人信息（从加密库读取，每次读取记入访问日志）' })
  async worker(@Param('id', uuidParam()) id: string, @CurrentPrincipal() p: Principal) {
    const row = await this.db.selectFrom('legal_cases').select(['worker_ref', 'station_id', 'street_code']).where('case_id', '=', id).executeTakeFirst();
    if (!row) throw stationsError('legal_case_not_found', `案件 ${id} 不存在`, 'id');
    assertMayActAt(p, { stationId: row.station_id, streetCode: row.street_code }, '法律援助案件');
    return { caseId: id, worker: await this.vault.open(row.worker_ref, id, p.subject) };
  }

  /** A case that does not exist is missing for everyone; then it must be at the caller's station or street. */
  private async run(command: LegalCaseCommand, principal: Principal, alongside?: (trx: Transaction<StationsDatabase>) => Promise<void>) {
    const result = await this.commands.run(
      legalCaseAggregate,
      command.caseId,
      (state) => {
        if (state.venue) assertMayActAt(principal, state.venue, '法律援助案件');
        return command;
      },
      { meta: { actor: principal.subject }, ...(alongside ? { alongside } : {}) },
    );
    return { caseId: command.caseId, version: result.version, events: result.events.map((e) => e.type), state: result.state.state };
  }
}
