import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Kysely, Selectable, sql } from 'kysely';
import { ABUSE_KINDS, POSTING_STATUSES, TAKEDOWN_REASONS } from '@ws/contracts';
import type { AbuseKind, PostingDetails, PostingStatus, TakedownReason } from '@ws/contracts';
import { authorize, CurrentPrincipal, deriveKey, isUuid, keyedHash, newId, Public, Roles, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { CommandRunner, DB, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig, RunOptions } from '@ws/platform';
import { CurrentAccount, EmployerOnly, SeekerOnly } from '../access/jobs-access';
import type { JobsDatabase, PostingBoardTable } from '../db/database';
import { plainSlots, PostingDto, ReasonDto } from '../shared/dto';
import { decodeCursor, DEFAULT_PAGE_SIZE, page, PageQueryDto } from '../shared/pages';
import { assertStreetInNode, OFFICER_ROLES, REVIEWER_ROLES } from '../shared/scope';
import { JOBS_CONFIG } from '../jobs.config';
import type { JobsConfig } from '../jobs.config';
import { JobsVault } from '../vault/jobs-vault';
import type { PostingCommand, PostingState } from './posting.decider';
import { employerAggregate, postingAggregate } from '../aggregates';
import { jobsError } from '../errors';

export class PostingListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: POSTING_STATUSES }) @IsOptional() @IsIn(POSTING_STATUSES)
  status?: PostingStatus;

  @ApiPropertyOptional({ enum: ['true'], description: 'true：只看被举报过的（举报队列）' }) @IsOptional() @IsIn(['true', 'false'], { message: 'reported 须为 true 或 false' })
  reported?: 'true' | 'false';
}

export class TakeDownDto {
  @ApiProperty({ enum: TAKEDOWN_REASONS }) @IsIn(TAKEDOWN_REASONS)
  reason!: TakedownReason;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000)
  note?: string;
}

export class ReportDto {
  @ApiProperty({ enum: ABUSE_KINDS, description: '虚假招聘、收取费用、拖欠工资、不安全、其他' }) @IsIn(ABUSE_KINDS)
  kind!: AbuseKind;

  @ApiPropertyOptional({ description: '说明（不要写手机号、身份证号）' }) @IsOptional() @IsString() @MaxLength(1000)
  note?: string;
}

export function postingView(r: Selectable<PostingBoardTable>) {
  return {
    postingId: r.posting_id,
    employerId: r.employer_id,
    employerKind: r.employer_kind,
    streetCode: r.street_code,
    category: r.category,
    payMode: r.pay_mode,
    pay: { minFen: r.pay_min_fen, maxFen: r.pay_max_fen, unit: r.pay_unit },
    headcount: r.headcount,
    hired: r.hired,
    title: r.title,
    description: r.description,
    requirements: r.requirements,
    skills: r.skills,
    schedule: r.schedule,
    location: { lng: r.lng, lat: r.lat },
    validUntil: new Date(r.valid_until).toISOString(),
    status: r.status,
    statusReason: r.status_reason,
    reports: r.reports,
  };
}

/** Employers draft and submit postings; the union reviews them; anyone sees an open one. */
@ApiTags('零工之家 jobs')
@Controller('postings')
export class PostingsController {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: JobsVault,
    @Inject(DB) private readonly db: Kysely<JobsDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    @Inject(JOBS_CONFIG) jobs: JobsConfig,
  ) {
    this.reporterKey = deriveKey(jobs.vaultKey, 'jobs-reporter');
  }

  /** Reports carry a keyed hash of the seeker, never the seeker's id: one report per person, nobody named. */
  private readonly reporterKey: Buffer;

  @Post()
  @HttpCode(201)
  @EmployerOnly()
  @ApiOperation({ summary: '雇主起草招工信息（工种、结算方式、工资范围以分计、人数、地点、有效期）' })
  async draft(@Body() body: PostingDto, @CurrentAccount() employerId: string) {
    assertStreetInNode(body.streetCode, this.platform.node.code);
    const employer = (await this.runner.load(employerAggregate, employerId)).state;
    if (employer.status === 'none') throw jobsError('employer_not_found', '没有这个雇主');
    const postingId = newId();
    const addressRef = newId();
    const { state, version } = await this.runner.run(
      postingAggregate,
      postingId,
      { type: 'DraftPosting', postingId, employerId, employerKind: employer.kind, employerStatus: employer.status, details: details(body, addressRef) },
      {
        meta: { actor: `employer:${employerId}` },
        alongside: (trx) => this.vault.store(trx, { ref: addressRef, ownerKind: 'address', ownerId: employerId, mobile: null, data: { address: body.address.trim() }, home: null }),
      },
    );
    return { postingId, status: state.status, version };
  }

  @Put(':postingId')
  @EmployerOnly()
  @ApiOperation({ summary: '修改草稿' })
  async revise(@Param('postingId', uuidParam('postingId')) postingId: string, @Body() body: PostingDto, @CurrentAccount() employerId: string) {
    assertStreetInNode(body.streetCode, this.platform.node.code);
    const addressRef = newId();
    return this.actAsEmployer(postingId, employerId, () => ({ type: 'RevisePosting', details: details(body, addressRef) }), (trx) =>
      this.vault.store(trx, { ref: addressRef, ownerKind: 'address', ownerId: employerId, mobile: null, data: { address: body.address.trim() }, home: null }),
    );
  }

  @Post(':postingId/submit')
  @HttpCode(200)
  @EmployerOnly()
  @ApiOperation({ summary: '提交审核' })
  async submit(@Param('postingId', uuidParam('postingId')) postingId: string, @CurrentAccount() employerId: string) {
    const employer = (await this.runner.load(employerAggregate, employerId)).state;
    return this.actAsEmployer(postingId, employerId, () => ({ type: 'SubmitPosting', employerStatus: employer.status === 'none' ? 'registered' : employer.status }));
  }

  @Post(':postingId/withdraw')
  @HttpCode(200)
  @EmployerOnly()
  @ApiOperation({ summary: '撤回招工信息' })
  withdraw(@Param('postingId', uuidParam('postingId')) postingId: string, @CurrentAccount() employerId: string) {
    return this.actAsEmployer(postingId, employerId, () => ({ type: 'WithdrawPosting' }));
  }

  @Get('mine')
  @EmployerOnly()
  @ApiOperation({ summary: '我发布的招工信息，新的在前，按 next 翻页' })
  async mine(@CurrentAccount() employerId: string, @Query() query: PageQueryDto) {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.after, isUuid);
    const rows = await this.db
      .selectFrom('posting_board')
      .selectAll()
      .where('employer_id', '=', employerId)
      .$if(after !== null, (qb) => qb.where(sql<boolean>`(drafted_at, posting_id) < (${new Date(after!.at)}, ${after!.id}::uuid)`))
      .orderBy('drafted_at', 'desc')
      .orderBy('posting_id', 'desc')
      .limit(limit + 1)
      .execute();
    const result = page(rows, limit, (r) => ({ at: new Date(r.drafted_at).toISOString(), id: r.posting_id }));
    return { items: result.items.map(postingView), next: result.next };
  }

  @Get()
  @ApiBearerAuth()
  @Roles(...OFFICER_ROLES)
  @ApiOperation({ summary: '招工信息（审核队列等），按状态筛选；街道干部只看本街道' })
  async list(@Query() query: PostingListQueryDto, @CurrentPrincipal() principal: Principal) {
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.after);
    const rows = await this.db
      .selectFrom('posting_board')
      .selectAll()
      .$if(query.status !== undefined, (qb) => qb.where('status', '=', query.status!))
      .$if(query.reported === 'true', (qb) => qb.where('reports', '>', 0))
      .$if(principal.street !== undefined, (qb) => qb.where('street_code', '=', principal.street!))
      .$if(after !== null, (qb) => qb.where((eb) => eb.or([eb('drafted_at', '>', new Date(after!.at)), eb.and([eb('drafted_at', '=', new Date(after!.at)), eb('posting_id', '>', after!.id)])])))
      .orderBy('drafted_at')
      .orderBy('posting_id')
      .limit(limit + 1)
      .execute();
    const result = page(rows, limit, (r) => ({ at: new Date(r.drafted_at).toISOString(), id: r.posting_id }));
    return { items: result.items.map(postingView), next: result.next };
  }

  @Get(':postingId')
  @Public()
  @ApiOperation({ summary: '一条招聘中的招工信息（个人雇主的详细地址不在这里），含雇主获得的评价（人数、平均星级）' })
  async show(@Param('postingId', uuidParam('postingId')) postingId: string) {
    const row = await this.db.selectFrom('posting_board').selectAll().where('posting_id', '=', postingId).where('status', 'in', ['open', 'filled']).executeTakeFirst();
    if (!row) throw jobsError('posting_not_found', '没有这条招工信息');
    return { ...postingView(row), employerRating: await this.employerRating(row.employer_id) };
  }

  /** What hired seekers said of the employer after the work: how many rated and the average stars (no comment, nobody named). */
  private async employerRating(employerId: string): Promise<{ count: number; average: number | null }> {
    const row = await this.db
      .selectFrom('application_board')
      .select((eb) => [eb.fn.count<string>('seeker_rating').as('count'), eb.fn.avg<string>('seeker_rating').as('average')])
      .where('employer_id', '=', employerId)
      .where('seeker_rating', 'is not', null)
      .executeTakeFirst();
    const count = Number(row?.count ?? 0);
    return { count, average: count > 0 ? Math.round(Number(row!.average) * 10) / 10 : null };
  }

  @Get(':postingId/reports')
  @ApiBearerAuth()
  @Roles(...OFFICER_ROLES)
  @ApiOperation({ summary: '一条招工信息收到的举报（类别、说明、时间；不记举报人），先到的在前，按 next 翻页；街道干部只看本街道' })
  async reports(@Param('postingId', uuidParam('postingId')) postingId: string, @Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal) {
    const posting = await this.db.selectFrom('posting_board').select('street_code').where('posting_id', '=', postingId).executeTakeFirst();
    // Another street's posting is answered as no posting at all.
    if (!posting || (principal.street !== undefined && posting.street_code !== principal.street)) throw jobsError('posting_not_found', '没有这条招工信息');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    // A report's place in the list is its sequence number (the cursor's id); `at` is when it came.
    const after = decodeCursor(query.after, (id) => /^\d{1,15}$/.test(id));
    const rows = await this.db
      .selectFrom('posting_reports')
      .selectAll()
      .where('posting_id', '=', postingId)
      .$if(after !== null, (qb) => qb.where('seq', '>', Number(after!.id)))
      .orderBy('seq')
      .limit(limit + 1)
      .execute();
    const result = page(rows, limit, (r) => ({ at: new Date(r.reported_at).toISOString(), id: String(r.seq) }));
    return { items: result.items.map((r) => ({ seq: r.seq, kind: r.kind, note: r.note, reportedAt: new Date(r.reported_at).toISOString() })), next: result.next };
  }

  @Post(':postingId/reports')
  @HttpCode(200)
  @SeekerOnly()
  @ApiOperation({ summary: '求职者举报招工信息（虚假招聘、收费、欠薪…；每人每条一次，不记名）' })
  async report(@Param('postingId', uuidParam('postingId')) postingId: string, @Body() body: ReportDto, @CurrentAccount() seekerId: string) {
    const reporterHash = keyedHash(this.reporterKey, 'posting-report', `${postingId}:${seekerId}`);
    const { state, version } = await this.runner.run(
      postingAggregate,
      postingId,
      (current: PostingState): PostingCommand => {
        if (current.status === 'none' || current.status === 'draft' || current.status === 'in_review') throw jobsError('posting_not_found', '没有这条招工信息');
        return { type: 'ReportPosting', reporterHash, kind: body.kind, note: body.note ?? null };
      },
      { meta: { actor: 'seeker' } },
    );
    return { postingId, reports: state.reporters.length, version };
  }

  @Post(':postingId/approve')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '审核通过：招聘中（雇主须已通过审核）' })
  approve(@Param('postingId', uuidParam('postingId')) postingId: string, @CurrentPrincipal() principal: Principal) {
    return this.actAsOfficer(postingId, principal, async (state) => {
      const employer = (await this.runner.load(employerAggregate, state.employerId)).state;
      return { type: 'ApprovePosting', officerId: principal.subject, employerStatus: employer.status === 'none' ? 'registered' : employer.status };
    });
  }

  @Post(':postingId/return')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '退回草稿（附理由）' })
  returnForChanges(@Param('postingId', uuidParam('postingId')) postingId: string, @Body() body: ReasonDto, @CurrentPrincipal() principal: Principal) {
    return this.actAsOfficer(postingId, principal, () => ({ type: 'ReturnPosting', officerId: principal.subject, reason: body.reason }));
  }

  @Post(':postingId/take-down')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '下架（附原因）' })
  takeDown(@Param('postingId', uuidParam('postingId')) postingId: string, @Body() body: TakeDownDto, @CurrentPrincipal() principal: Principal) {
    return this.actAsOfficer(postingId, principal, () => ({ type: 'TakeDownPosting', officerId: principal.subject, reason: body.reason, note: body.note ?? null }));
  }

  private async actAsEmployer(postingId: string, employerId: string, command: (state: PostingState) => PostingCommand, alongside?: RunOptions['alongside']) {
    const { state, version } = await this.runner.run(
      postingAggregate,
      postingId,
      (current: PostingState) => {
        // Another employer's posting is answered as no posting at all.
        if (current.status === 'none' || current.employerId !== employerId) throw jobsError('posting_not_found', '没有这条招工信息');
        return command(current);
      },
      { meta: { actor: `employer:${employerId}` }, alongside },
    );
    return { postingId, status: state.status, version };
  }

  private async actAsOfficer(postingId: string, principal: Principal, command: (state: PostingState) => PostingCommand | Promise<PostingCommand>) {
    const { state, version } = await this.runner.run(
      postingAggregate,
      postingId,
      async (current: PostingState) => {
        if (current.details) authorize(principal, { street: current.details.streetCode, field: 'postingId' });
        return command(current);
      },
      { meta: { actor: principal.subject } },
    );
    return { postingId, status: state.status, version };
  }
}

function details(body: PostingDto, addressRef: string): PostingDetails {
  return {
    category: body.category,
    payMode: body.payMode,
    pay: { minFen: body.pay.minFen, maxFen: body.pay.maxFen, unit: body.pay.unit },
    headcount: body.headcount,
    title: body.title,
    description: body.description,
    requirements: body.requirements ?? '',
    skills: body.skills,
    schedule: { slots: plainSlots(body.schedule.slots), startDate: body.schedule.startDate ?? null, endDate: body.schedule.endDate ?? null },
    streetCode: body.streetCode,
    location: { lng: body.location.lng, lat: body.location.lat },
    addressRef,
    validUntil: body.validUntil,
  };
}
