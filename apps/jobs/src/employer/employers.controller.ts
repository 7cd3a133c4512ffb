import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Kysely } from 'kysely';
import { EMPLOYER_KINDS, EMPLOYER_STATUSES, maskMobile } from '@ws/contracts';
import type { EmployerKind, EmployerStatus } from '@ws/contracts';
import { authorize, CurrentPrincipal, newId, Public, Roles, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { CommandRunner, DB, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { VerificationCodes } from '@ws/verification';
import { CurrentAccount, EmployerOnly, JobsAccess } from '../access/jobs-access';
import type { JobsDatabase } from '../db/database';
import { MobileCodeDto, ReasonDto, STREET } from '../shared/dto';
import { decodeCursor, page, PageQueryDto } from '../shared/pages';
import { assertStreetInNode, OFFICER_ROLES, REVIEWER_ROLES } from '../shared/scope';
import { JobsVault } from '../vault/jobs-vault';
import type { EmployerCommand } from './employer.decider';
import { employerAggregate } from '../aggregates';
import { jobsError } from '../errors';

export class RegisterEmployerDto extends MobileCodeDto {
  @ApiProperty({ enum: EMPLOYER_KINDS }) @IsIn(EMPLOYER_KINDS)
  kind!: EmployerKind;

  @ApiProperty({ description: '单位名称或个人姓名（加密保存）' }) @IsString() @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ description: '统一社会信用代码（单位必填，校验位核对）' }) @IsOptional() @IsString() @MaxLength(40)
  creditCode?: string;

  @ApiProperty({ example: '500117001' }) @Matches(STREET, { message: 'streetCode 须为 9 位街道代码' })
  streetCode!: string;
}

export class EmployerListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EMPLOYER_STATUSES }) @IsOptional() @IsIn(EMPLOYER_STATUSES)
  status?: EmployerStatus;
}

/** Employers register themselves (mobile by code); the union reviews and may suspend them. */
@ApiTags('零工之家 jobs')
@Controller('employers')
export class EmployersController {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: JobsVault,
    private readonly access: JobsAccess,
    private readonly codes: VerificationCodes,
    @Inject(DB) private readonly db: Kysely<JobsDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  @Post()
  @HttpCode(201)
  @Public()
  @ApiOperation({ summary: '雇主注册：单位（统一社会信用代码）或个人，手机号验证码；返回雇主编号和会话令牌' })
  async register(@Body() body: RegisterEmployerDto) {
    assertStreetInNode(body.streetCode, this.platform.node.code);
    const verified = await this.codes.check(body.mobile, 'jobs_register', body.code);
    const employerId = newId();
    const profileRef = newId();
    const creditCode = body.kind === 'company' ? (body.creditCode ?? '') : (body.creditCode ?? null);
    await this.runner.run(
      employerAggregate,
      employerId,
      { type: 'RegisterEmployer', registration: { employerId, kind: body.kind, name: body.name, creditCode, mobileVerified: true, streetCode: body.streetCode, profileRef } },
      {
        meta: { actor: `employer:${employerId}` },
        alongside: async (trx) => {
          await verified.consume(trx);
          await this.vault.store(trx, {
            ref: profileRef,
            ownerKind: 'employer',
            ownerId: employerId,
            mobile: body.mobile,
            data: { name: body.name.trim(), creditCode: creditCode?.replace(/\s/g, '').toUpperCase() ?? null, mobile: body.mobile },
            home: null,
          });
        },
      },
    );
    return { employerId, status: 'registered', ...(await this.access.sessionFor('employer', employerId)) };
  }

  @Get('me')
  @EmployerOnly()
  @ApiOperation({ summary: '我的雇主账号：状态（审核中、已通过…）' })
  async me(@CurrentAccount() employerId: string) {
    const { state } = await this.runner.load(employerAggregate, employerId);
    if (state.status === 'none') throw jobsError('employer_not_found', '没有这个雇主');
    return { employerId, kind: state.kind, streetCode: state.streetCode, status: state.status };
  }

  @Post('me/review')
  @HttpCode(200)
  @EmployerOnly()
  @ApiOperation({ summary: '雇主申请审核（审核通过前发布的招工信息不会展示）' })
  requestReview(@CurrentAccount() employerId: string) {
    return this.act(employerId, { type: 'RequestEmployerReview' }, `employer:${employerId}`);
  }

  @Get()
  @ApiBearerAuth()
  @Roles(...OFFICER_ROLES)
  @ApiOperation({ summary: '雇主名册（不含个人信息），按状态筛选；街道干部只看本街道' })
  async list(@Query() query: EmployerListQueryDto, @CurrentPrincipal() principal: Principal) {
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.after);
    const rows = await this.db
      .selectFrom('employer_board')
      .selectAll()
      .$if(query.status !== undefined, (qb) => qb.where('status', '=', query.status!))
      .$if(principal.street !== undefined, (qb) => qb.where('street_code', '=', principal.street!))
      .$if(after !== null, (qb) => qb.where((eb) => eb.or([eb('registered_at', '>', new Date(after!.at)), eb.and([eb('registered_at', '=', new Date(after!.at)), eb('employer_id', '>', after!.id)])])))
      .orderBy('registered_at')
      .orderBy('employer_id')
      .limit(limit + 1)
      .execute();
    const result = page(rows, limit, (r) => ({ at: new Date(r.registered_at).toISOString(), id: r.employer_id }));
    return {
      items: result.items.map((r) => ({ employerId: r.employer_id, kind: r.kind, streetCode: r.street_code, status: r.status, registeredAt: new Date(r.registered_at).toISOString() })),
      next: result.next,
    };
  }

  @Get(':employerId')
  @ApiBearerAuth()
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '审核用：雇主的名称、统一社会信用代码和手机号（打码），从保险库取出；街道干部只看本街道' })
  async show(@Param('employerId', uuidParam('employerId')) employerId: string, @CurrentPrincipal() principal: Principal) {
    const row = await this.db.selectFrom('employer_board').selectAll().where('employer_id', '=', employerId).executeTakeFirst();
    // Another street's employer is answered as no employer at all.
    if (!row || (principal.street !== undefined && row.street_code !== principal.street)) throw jobsError('employer_not_found', '没有这个雇主');
    const profile = await this.vault.openProfile('employer', employerId);
    const postings = await this.db.selectFrom('posting_board').select(['status', (eb) => eb.fn.countAll<number>().as('count')]).where('employer_id', '=', employerId).groupBy('status').execute();
    return {
      employerId,
      kind: row.kind,
      streetCode: row.street_code,
      status: row.status,
      registeredAt: new Date(row.registered_at).toISOString(),
      name: profile['name'] ?? null,
      creditCode: profile['creditCode'] ?? null,
      // Masked: enough to tell two employers apart on the phone, not to call them from a screen.
      mobile: profile['mobile'] ? maskMobile(profile['mobile']) : null,
      postings: Object.fromEntries(postings.map((p) => [p.status, Number(p.count)])),
    };
  }

  @Post(':employerId/approve')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '审核通过雇主' })
  async approve(@Param('employerId', uuidParam('employerId')) employerId: string, @CurrentPrincipal() principal: Principal) {
    await this.assertScope(employerId, principal);
    return this.act(employerId, { type: 'ApproveEmployer', officerId: principal.subject }, principal.subject);
  }

  @Post(':employerId/return')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '退回雇主（附理由，可修改后再申请）' })
  async returnForChanges(@Param('employerId', uuidParam('employerId')) employerId: string, @Body() body: ReasonDto, @CurrentPrincipal() principal: Principal) {
    await this.assertScope(employerId, principal);
    return this.act(employerId, { type: 'ReturnEmployer', officerId: principal.subject, reason: body.reason }, principal.subject);
  }

  @Post(':employerId/suspend')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '暂停雇主（其招工信息不再展示）' })
  async suspend(@Param('employerId', uuidParam('employerId')) employerId: string, @Body() body: ReasonDto, @CurrentPrincipal() principal: Principal) {
    await this.assertScope(employerId, principal);
    return this.act(employerId, { type: 'SuspendEmployer', officerId: principal.subject, reason: body.reason }, principal.subject);
  }

  @Post(':employerId/reinstate')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '恢复被暂停的雇主' })
  async reinstate(@Param('employerId', uuidParam('employerId')) employerId: string, @CurrentPrincipal() principal: Principal) {
    await this.assertScope(employerId, principal);
    return this.act(employerId, { type: 'ReinstateEmployer', officerId: principal.subject }, principal.subject);
  }

  private async assertScope(employerId: string, principal: Principal): Promise<void> {
    const { state } = await this.runner.load(employerAggregate, employerId);
    if (state.status !== 'none') authorize(principal, { street: state.streetCode, field: 'employerId' });
  }

  private async act(employerId: string, command: EmployerCommand, actor: string) {
    const { state, version } = await this.runner.run(employerAggregate, employerId, command, { meta: { actor } });
    return { employerId, status: state.status, version };
  }
}
