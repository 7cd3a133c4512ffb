import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Kysely, Selectable } from 'kysely';
import { FAIR_FORMATS, FAIR_STATUSES } from '@ws/contracts';
import type { FairFormat, FairStatus } from '@ws/contracts';
import { authorize, CLOCK, CurrentPrincipal, newId, Public, Roles, uuidParam } from '@ws/kernel';
import type { Clock, Principal } from '@ws/kernel';
import { CommandRunner, DB, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { FairBoardTable, JobsDatabase } from '../db/database';
import { ReasonDto } from '../shared/dto';
import { decodeCursor, page, PageQueryDto } from '../shared/pages';
import { assertStreetInNode, OFFICER_ROLES, REVIEWER_ROLES } from '../shared/scope';
import type { FairCommand, FairState } from './fair.decider';
import { employerAggregate, fairAggregate, postingAggregate } from '../aggregates';
import { jobsError } from '../errors';

export class ScheduleFairDto {
  @ApiProperty({ example: '江亭社区春风行动招聘会' }) @IsString() @MaxLength(200)
  title!: string;

  @ApiProperty({ enum: FAIR_FORMATS, description: 'onsite 现场招聘会（在驿站）/ online 直播带岗' }) @IsIn(FAIR_FORMATS, { message: 'format 须为 onsite 或 online' })
  format!: FairFormat;

  @ApiPropertyOptional({ description: '现场招聘会所在驿站' }) @IsOptional() @IsString() @MaxLength(100)
  stationId?: string;

  @ApiProperty({ example: '500117001', description: '主办街道（计数归属）' }) @IsString()
  streetCode!: string;

  @ApiProperty({ example: '2026-06-10T01:00:00.000Z' }) @IsString()
  startsAt!: string;

  @ApiProperty({ example: '2026-06-10T05:00:00.000Z' }) @IsString()
  endsAt!: string;
}

export class AttachEmployerDto {
  @ApiProperty() @IsUUID('all', { message: 'employerId 须为雇主编号' })
  employerId!: string;
}

export class AttachPostingDto {
  @ApiProperty() @IsUUID('all', { message: 'postingId 须为招工信息编号' })
  postingId!: string;
}

export class CountDto {
  @ApiProperty({ description: '本次记录的人数：到场或直播观看，或达成意向（只计数）' }) @IsInt({ message: '人数须为整数' })
  count!: number;

  @ApiPropertyOptional({ description: '这次记录的编号（客户端生成的 UUID）：重试时同一编号只计一次' }) @IsOptional() @IsUUID('all', { message: 'entryId 须为 UUID' })
  entryId?: string;
}

export class IntentionsDto extends CountDto {
  @ApiProperty({ description: '达成意向的参会岗位（人数记在 count，不记姓名）' }) @IsUUID('all', { message: 'postingId 须为招工信息编号' })
  postingId!: string;
}

export class FairListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: FAIR_STATUSES }) @IsOptional() @IsIn(FAIR_STATUSES)
  status?: FairStatus;
}

function fairView(r: Selectable<FairBoardTable>) {
  return {
    fairId: r.fair_id,
    title: r.title,
    format: r.format,
    stationId: r.station_id,
    streetCode: r.street_code,
    startsAt: new Date(r.starts_at).toISOString(),
    endsAt: new Date(r.ends_at).toISOString(),
    status: r.status,
    statusReason: r.status_reason,
    counts: { employers: r.employers, postings: r.postings, attendance: r.attendance, intentions: r.intentions },
  };
}

/** 招聘会 and 直播带岗: the union schedules them, attaches employers and open postings, counts who came and what was agreed. */
@ApiTags('零工之家 jobs')
@ApiBearerAuth()
@Controller('fairs')
export class FairsController {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(DB) private readonly db: Kysely<JobsDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '安排招聘会（驿站现场或直播带岗）' })
  async schedule(@Body() body: ScheduleFairDto, @CurrentPrincipal() principal: Principal) {
    assertStreetInNode(body.streetCode, this.platform.node.code);
    authorize(principal, { street: body.streetCode, field: 'streetCode' });
    const stationId = body.stationId?.trim() || null;
    if (stationId) {
      const station = await this.db.selectFrom('station_points').select('closed').where('station_id', '=', stationId).executeTakeFirst();
      if (!station || station.closed) throw jobsError('station_not_found', '没有这个驿站（或已关闭）', 'stationId');
    }
    const fairId = newId();
    const { state, version } = await this.runner.run(
      fairAggregate,
      fairId,
      { type: 'ScheduleFair', fairId, officerId: principal.subject, title: body.title, format: body.format, stationId, streetCode: body.streetCode, startsAt: body.startsAt, endsAt: body.endsAt },
      { meta: { actor: principal.subject } },
    );
    return { fairId, status: state.status, version };
  }

  @Get()
  @Roles(...OFFICER_ROLES)
  @ApiOperation({ summary: '招聘会列表（按开始时间），带每场的雇主、岗位、到场、意向数；街道干部只看本街道' })
  async list(@Query() query: FairListQueryDto, @CurrentPrincipal() principal: Principal) {
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.after);
    const rows = await this.db
      .selectFrom('fair_board')
      .selectAll()
      .$if(query.status !== undefined, (qb) => qb.where('status', '=', query.status!))
      .$if(principal.street !== undefined, (qb) => qb.where('street_code', '=', principal.street!))
      .$if(after !== null, (qb) => qb.where((eb) => eb.or([eb('starts_at', '>', new Date(after!.at)), eb.and([eb('starts_at', '=', new Date(after!.at)), eb('fair_id', '>', after!.id)])])))
      .orderBy('starts_at')
      .orderBy('fair_id')
      .limit(limit + 1)
      .execute();
    const result = page(rows, limit, (r) => ({ at: new Date(r.starts_at).toISOString(), id: r.fair_id }));
    return { items: result.items.map(fairView), next: result.next };
  }

  @Get('upcoming')
  @Public()
  @ApiOperation({ summary: '即将举办和正在举办的招聘会（公开，给求职者看）：名称、形式、驿站、时间、参会岗位数；不含任何人的信息' })
  async upcoming(@Query() query: PageQueryDto) {
    const limit = Math.min(query.limit ?? 20, 50);
    const after = decodeCursor(query.after);
    const rows = await this.db
      .selectFrom('fair_board')
      .selectAll()
      .where('status', '=', 'scheduled')
      .where('ends_at', '>', this.clock.now())
      .$if(after !== null, (qb) => qb.where((eb) => eb.or([eb('starts_at', '>', new Date(after!.at)), eb.and([eb('starts_at', '=', new Date(after!.at)), eb('fair_id', '>', after!.id)])])))
      .orderBy('starts_at')
      .orderBy('fair_id')
      .limit(limit + 1)
      .execute();
    const result = page(rows, limit, (r) => ({ at: new Date(r.starts_at).toISOString(), id: r.fair_id }));
    return {
      items: result.items.map((r) => ({ fairId: r.fair_id, title: r.title, format: r.format, stationId: r.station_id, startsAt: new Date(r.starts_at).toISOString(), endsAt: new Date(r.ends_at).toISOString(), postings: r.postings })),
      next: result.next,
    };
  }

  @Get(':fairId')
  @Roles(...OFFICER_ROLES)
  @ApiOperation({ summary: '一场招聘会：计数与各岗位达成意向数' })
  async show(@Param('fairId', uuidParam('fairId')) fairId: string, @CurrentPrincipal() principal: Principal) {
    const row = await this.db.selectFrom('fair_board').selectAll().where('fair_id', '=', fairId).executeTakeFirst();
    // Another street's fair is answered as no fair at all.
    if (!row || (principal.street !== undefined && row.street_code !== principal.street)) throw jobsError('fair_not_found', '没有这场招聘会');
    const postings = await this.db.selectFrom('fair_postings').selectAll().where('fair_id', '=', fairId).orderBy('posting_id').execute();
    return { ...fairView(row), postings: postings.map((p) => ({ postingId: p.posting_id, employerId: p.employer_id, category: p.category, intentions: p.intentions })) };
  }

  @Post(':fairId/employers')
  @HttpCode(200)
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '添加参会雇主（须已通过审核）' })
  attachEmployer(@Param('fairId', uuidParam('fairId')) fairId: string, @Body() body: AttachEmployerDto, @CurrentPrincipal() principal: Principal) {
    return this.act(fairId, principal, async () => {
      const employer = (await this.runner.load(employerAggregate, body.employerId)).state;
      return { type: 'AttachEmployer', employerId: body.employerId, employerStatus: employer.status };
    });
  }

  @Post(':fairId/postings')
  @HttpCode(200)
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '添加参会岗位（须为招聘中的招工信息；其雇主随之参会）' })
  attachPosting(@Param('fairId', uuidParam('fairId')) fairId: string, @Body() body: AttachPostingDto, @CurrentPrincipal() principal: Principal) {
    return this.act(fairId, principal, async () => {
      const posting = (await this.runner.load(postingAggregate, body.postingId)).state;
      if (posting.status === 'none' || !posting.details) throw jobsError('posting_not_found', '没有这条招工信息', 'postingId');
      const employer = (await this.runner.load(employerAggregate, posting.employerId)).state;
      return { type: 'AttachPosting', postingId: body.postingId, employerId: posting.employerId, category: posting.details.category, postingStatus: posting.status, employerStatus: employer.status };
    });
  }

  @Post(':fairId/attendance')
  @HttpCode(200)
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '记录到场人数（现场清点或直播观看；只计数）' })
  countAttendance(@Param('fairId', uuidParam('fairId')) fairId: string, @Body() body: CountDto, @CurrentPrincipal() principal: Principal) {
    return this.act(fairId, principal, () => ({ type: 'CountAttendance', count: body.count, entryId: body.entryId ?? null }));
  }

  @Post(':fairId/intentions')
  @HttpCode(200)
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '记录达成意向人数（按参会岗位；不记姓名）' })
  recordIntentions(@Param('fairId', uuidParam('fairId')) fairId: string, @Body() body: IntentionsDto, @CurrentPrincipal() principal: Principal) {
    return this.act(fairId, principal, () => ({ type: 'RecordIntentions', postingId: body.postingId, count: body.count, entryId: body.entryId ?? null }));
  }

  @Post(':fairId/held')
  @HttpCode(200)
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '标记为已举办（开始之后）' })
  markHeld(@Param('fairId', uuidParam('fairId')) fairId: string, @CurrentPrincipal() principal: Principal) {
    return this.act(fairId, principal, () => ({ type: 'MarkFairHeld' }));
  }

  @Post(':fairId/cancel')
  @HttpCode(200)
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '取消招聘会（附原因；已有到场或意向记录的不能取消）' })
  cancel(@Param('fairId', uuidParam('fairId')) fairId: string, @Body() body: ReasonDto, @CurrentPrincipal() principal: Principal) {
    return this.act(fairId, principal, () => ({ type: 'CancelFair', officerId: principal.subject, reason: body.reason }));
  }

  private async act(fairId: string, principal: Principal, command: (state: FairState) => FairCommand | Promise<FairCommand>) {
    const { state, version } = await this.runner.run(
      fairAggregate,
      fairId,
      async (current: FairState) => {
        if (current.status !== 'none') authorize(principal, { street: current.streetCode, field: 'fairId' });
        return command(current);
      },
      { meta: { actor: principal.subject } },
    );
    return { fairId, status: state.status, counts: { employers: state.employers.length, postings: Object.keys(state.postings).length, attendance: state.attendance, intentions: state.intentions }, version };
  }
}
