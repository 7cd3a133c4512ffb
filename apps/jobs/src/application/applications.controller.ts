import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { Kysely, Selectable, sql } from 'kysely';
import { maskMobile, maskName } from '@ws/contracts';
import type { JobApplicationSide } from '@ws/contracts';
import { derivedId, isUuid, uuidParam } from '@ws/kernel';
import { CommandRunner, DB } from '@ws/platform';
import { CurrentAccount, EmployerOnly, SeekerOnly } from '../access/jobs-access';
import { decodeCursor, DEFAULT_PAGE_SIZE, page, PageQueryDto } from '../shared/pages';
import type { ApplicationBoardTable, JobsDatabase } from '../db/database';
import { JobsVault } from '../vault/jobs-vault';
import { RATING_COMMENT_MAX } from './application.decider';
import type { ApplicationCommand, ApplicationState } from './application.decider';
import { applicationAggregate, postingAggregate, seekerAggregate } from '../aggregates';
import { jobsError } from '../errors';

export class ApplyDto {
  @ApiPropertyOptional({ description: '给雇主的留言（不要写手机号、身份证号）' }) @IsOptional() @IsString() @MaxLength(1000)
  note?: string;
}

export class InviteDto {
  @ApiPropertyOptional({ description: '邀请留言（面谈时间、地点）' }) @IsOptional() @IsString() @MaxLength(1000)
  message?: string;
}

export class HireDto {
  @ApiProperty({ description: '约定工资（分，按招工信息的计薪单位）' }) @IsInt()
  agreedPayFen!: number;

  @ApiProperty({ example: '2026-06-03', description: '上岗日期' }) @IsString() @MaxLength(10)
  startDate!: string;
}

export class DeclineDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000)
  reason?: string;
}

export class RatingDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: '1–5 星' }) @IsInt({ message: '评分应为 1–5 星' })
  rating!: number;

  @ApiPropertyOptional({ maxLength: RATING_COMMENT_MAX, description: '一句话评价（可不填；不要写手机号、身份证号）' }) @IsOptional() @IsString({ message: '评价应为文字' }) @MaxLength(1000)
  comment?: string;
}

/** From the invitation on, the employer has chosen this seeker: they see each other in full. */
const CHOSEN = ['invited', 'accepted', 'hired'];

function applicationView(r: Selectable<ApplicationBoardTable>) {
  return {
    applicationId: r.application_id,
    postingId: r.posting_id,
    status: r.status,
    note: r.note,
    message: r.message,
    declinedBy: r.declined_by,
    agreedPayFen: r.agreed_pay_fen,
    startDate: r.start_date,
    ratings: { bySeeker: r.seeker_rating, byEmployer: r.employer_rating },
    appliedAt: new Date(r.applied_at).toISOString(),
  };
}

/**
 * Applying and hiring (求职、邀约、签约): a seeker applies to an open posting; the employer sees
 * the applicants masked until inviting one; the seeker accepts; the employer hires (签约), which
 * takes one place of the headcount in the same transaction; either may decline before the hire;
 * both rate once after it.
 */
@ApiTags('零工之家 jobs')
@Controller()
export class ApplicationsController {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: JobsVault,
    @Inject(DB) private readonly db: Kysely<JobsDatabase>,
  ) {}

  @Post('postings/:postingId/applications')
  @HttpCode(201)
  @SeekerOnly()
  @ApiOperation({ summary: '求职者申请一条招聘中的招工信息（每人每条一次，重复申请答复同一份申请）' })
  async apply(@Param('postingId', uuidParam('postingId')) postingId: string, @Body() body: ApplyDto, @CurrentAccount() seekerId: string) {
    const seeker = (await this.runner.load(seekerAggregate, seekerId)).state;
    if (!seeker.registered) throw jobsError('seeker_not_found', '没有这个求职者');
    const posting = (await this.runner.load(postingAggregate, postingId)).state;
    if (posting.status === 'none' || !posting.details || posting.status === 'draft' || posting.status === 'in_review') {
      throw jobsError('posting_not_found', '没有这条招工信息');
    }
    const applicationId = derivedId(postingId, `application:${seekerId}`);
    const snapshot = { postingId, employerId: posting.employerId, status: posting.status, category: posting.details.category, streetCode: posting.details.streetCode };
    const { state, version } = await this.runner.run(
      applicationAggregate,
      applicationId,
      { type: 'Apply', applicationId, seekerId, posting: snapshot, note: body.note ?? null },
      { meta: { actor: `seeker:${seekerId}` } },
    );
    return { applicationId, status: state.status, version };
  }

  @Get('postings/:postingId/applications')
  @EmployerOnly()
  @ApiOperation({ summary: '雇主查看申请人：邀请前姓名、手机号打码，邀请后可见；先申请的在前，按 next 翻页' })
  async applicants(@Param('postingId', uuidParam('postingId')) postingId: string, @Query() query: PageQueryDto, @CurrentAccount() employerId: string) {
    const posting = (await this.runner.load(postingAggregate, postingId)).state;
    if (posting.status === 'none' || posting.employerId !== employerId) throw jobsError('posting_not_found', '没有这条招工信息');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.after, isUuid);
    const rows = await this.db
      .selectFrom('application_board')
      .selectAll()
      .where('posting_id', '=', postingId)
      .$if(after !== null, (qb) => qb.where(sql<boolean>`(applied_at, application_id) > (${new Date(after!.at)}, ${after!.id}::uuid)`))
      .orderBy('applied_at')
      .orderBy('application_id')
      .limit(limit + 1)
      .execute();
    const shown = page(rows, limit, (r) => ({ at: new Date(r.applied_at).toISOString(), id: r.application_id }));
    const items = [];
    for (const row of shown.items) {
      const profile = await this.vault.openProfile('seeker', row.seeker_id).catch(() => ({}) as Record<string, string | null>);
      const name = profile['name'] ?? '';
      const mobile = profile['mobile'] ?? '';
      const chosen = CHOSEN.includes(row.status);
      items.push({ ...applicationView(row), applicant: { name: chosen ? name : maskName(name), mobile: chosen ? mobile : maskMobile(mobile), masked: !chosen } });
    }
    return { items, next: shown.next };
  }

  @Get('seekers/me/applications')
  @SeekerOnly()
  @ApiOperation({ summary: '我的申请：状态；雇主邀请后可见工作地址；新的在前，按 next 翻页' })
  async mine(@CurrentAccount() seekerId: string, @Query() query: PageQueryDto) {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.after, isUuid);
    const rows = await this.db
      .selectFrom('application_board as a')
      .innerJoin('posting_board as p', 'p.posting_id', 'a.posting_id')
      .selectAll('a')
      .select(['p.title', 'p.category as posting_category', 'p.pay_mode', 'p.pay_min_fen', 'p.pay_max_fen', 'p.pay_unit', 'p.status as posting_status'])
      .where('a.seeker_id', '=', seekerId)
      .$if(after !== null, (qb) => qb.where(sql<boolean>`(a.applied_at, a.application_id) < (${new Date(after!.at)}, ${after!.id}::uuid)`))
      .orderBy('a.applied_at', 'desc')
      .orderBy('a.application_id', 'desc')
      .limit(limit + 1)
      .execute();
    const shown = page(rows, limit, (r) => ({ at: new Date(r.applied_at).toISOString(), id: r.application_id }));
    const items = [];
    for (const row of shown.items) {
      let address: string | null = null;
      if (CHOSEN.includes(row.status)) {
        const details = (await this.runner.load(postingAggregate, row.posting_id)).state.details;
        if (details) address = (await this.vault.open(details.addressRef).catch(() => ({}) as Record<string, string | null>))['address'] ?? null;
      }
      items.push({
        ...applicationView(row),
        posting: { title: row.title, category: row.posting_category, payMode: row.pay_mode, pay: { minFen: row.pay_min_fen, maxFen: row.pay_max_fen, unit: row.pay_unit }, status: row.posting_status },
        address,
      });
    }
    return { items, next: shown.next };
  }

  @Post('seekers/me/applications/:applicationId/accept')
  @HttpCode(200)
  @SeekerOnly()
  @ApiOperation({ summary: '求职者接受邀请' })
  accept(@Param('applicationId', uuidParam('applicationId')) applicationId: string, @CurrentAccount() seekerId: string) {
    return this.act('seeker', seekerId, applicationId, () => ({ type: 'AcceptInvitation' }));
  }

  @Post('seekers/me/applications/:applicationId/decline')
  @HttpCode(200)
  @SeekerOnly()
  @ApiOperation({ summary: '求职者谢绝或撤回申请（签约前）' })
  declineAsSeeker(@Param('applicationId', uuidParam('applicationId')) applicationId: string, @Body() body: DeclineDto, @CurrentAccount() seekerId: string) {
    return this.act('seeker', seekerId, applicationId, () => ({ type: 'Decline', by: 'seeker', reason: body.reason ?? null }));
  }

  @Post('seekers/me/applications/:applicationId/rating')
  @HttpCode(200)
  @SeekerOnly()
  @ApiOperation({ summary: '求职者评价雇主（签约上岗后，一次）' })
  rateAsSeeker(@Param('applicationId', uuidParam('applicationId')) applicationId: string, @Body() body: RatingDto, @CurrentAccount() seekerId: string) {
    return this.act('seeker', seekerId, applicationId, () => ({ type: 'RateWork', by: 'seeker', rating: body.rating, comment: body.comment ?? null }));
  }

  @Post('employers/me/applications/:applicationId/invite')
  @HttpCode(200)
  @EmployerOnly()
  @ApiOperation({ summary: '雇主邀请申请人（此后可见其姓名和手机号）' })
  invite(@Param('applicationId', uuidParam('applicationId')) applicationId: string, @Body() body: InviteDto, @CurrentAccount() employerId: string) {
    return this.act('employer', employerId, applicationId, () => ({ type: 'Invite', message: body.message ?? null }));
  }

  @Post('employers/me/applications/:applicationId/hire')
  @HttpCode(200)
  @EmployerOnly()
  @ApiOperation({ summary: '签约录用（求职者接受邀请后）：占用一个招聘名额，招满即关闭' })
  async hire(@Param('applicationId', uuidParam('applicationId')) applicationId: string, @Body() body: HireDto, @CurrentAccount() employerId: string) {
    return this.runner.transaction(async (trx) => {
      const application = (await this.runner.load(applicationAggregate, applicationId, trx)).state;
      if (application.status === 'none' || application.employerId !== employerId) throw jobsError('application_not_found', '没有这份申请');
      const actor = { meta: { actor: `employer:${employerId}` }, trx };
      // The application decides first (status, terms); the posting then takes the place or refuses (filled), all or nothing.
      const hired = await this.runner.run(applicationAggregate, applicationId, { type: 'Hire', agreedPayFen: body.agreedPayFen, startDate: body.startDate }, actor);
      const posting = await this.runner.run(postingAggregate, application.postingId, { type: 'RecordHire', applicationId }, actor);
      return { applicationId, status: hired.state.status, version: hired.version, posting: { postingId: application.postingId, status: posting.state.status, hired: posting.state.hiredApplications.length } };
    });
  }

  @Post('employers/me/applications/:applicationId/decline')
  @HttpCode(200)
  @EmployerOnly()
  @ApiOperation({ summary: '雇主谢绝申请人（签约前）' })
  declineAsEmployer(@Param('applicationId', uuidParam('applicationId')) applicationId: string, @Body() body: DeclineDto, @CurrentAccount() employerId: string) {
    return this.act('employer', employerId, applicationId, () => ({ type: 'Decline', by: 'employer', reason: body.reason ?? null }));
  }

  @Post('employers/me/applications/:applicationId/rating')
  @HttpCode(200)
  @EmployerOnly()
  @ApiOperation({ summary: '雇主评价求职者（签约上岗后，一次）' })
  rateAsEmployer(@Param('applicationId', uuidParam('applicationId')) applicationId: string, @Body() body: RatingDto, @CurrentAccount() employerId: string) {
    return this.act('employer', employerId, applicationId, () => ({ type: 'RateWork', by: 'employer', rating: body.rating, comment: body.comment ?? null }));
  }

  private async act(side: JobApplicationSide, accountId: string, applicationId: string, command: (state: ApplicationState) => ApplicationCommand) {
    const { state, version } = await this.runner.run(
      applicationAggregate,
      applicationId,
      (current: ApplicationState) => {
        // Someone else's application is answered as no application at all.
        const owner = side === 'seeker' ? current.seekerId : current.employerId;
        if (current.status === 'none' || owner !== accountId) throw jobsError('application_not_found', '没有这份申请');
        return command(current);
      },
      { meta: { actor: `${side}:${accountId}` } },
    );
    return { applicationId, status: state.status, version };
  }
}
