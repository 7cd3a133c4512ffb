import { Body, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { VerificationCodes } from '@ws/verification';
import { MEMBERSHIP_CONFIG, type MembershipConfig } from '../../membership-config';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal, Public, Roles } from '@ws/kernel';
import { actorOf } from '../../shared/scope';
import { BulkApplicationsDto, ItemOutcomeDto, MobileCodeDto, SubmitApplicationDto } from './submit-application.dto';
import { SubmitApplicationsHandler } from './submit-applications.handler';
import { membershipError } from '../../membership.errors';

@ApiTags('入会申请 applications')
@Controller('applications')
export class SubmitApplicationsController {
  constructor(
    private readonly handler: SubmitApplicationsHandler,
    private readonly codes: VerificationCodes,
    @Inject(MEMBERSHIP_CONFIG) private readonly config: MembershipConfig,
  ) {}

  @Post('mobile-codes')
  @HttpCode(202)
  @Public()
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @ApiOperation({ summary: '我要入会：给手机号发送短信验证码（同一号码 60 秒一次，每天有上限）', description: '开发环境中验证码出现在节点的消息盒子 /messages/。' })
  async sendCode(@Body() dto: MobileCodeDto) {
    return this.codes.issue(dto.mobile, 'join');
  }

  @Post()
  @Public()
  @ApiOperation({
    summary: '我要入会：提交一份申请（无需账号）',
    description: '201 已受理；200 该身份证号已是会员或已有申请在办（凭同一手机号可看到编号）；其余为 problem+json。',
  })
  @ApiCreatedResponse({ type: ItemOutcomeDto })
  async submit(@Body() dto: SubmitApplicationDto, @CurrentPrincipal() principal: Principal | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const { channel, mobileCode, ...item } = dto;
    // The node may require the applicant to prove the mobile; an officer taking the application vouches for it.
    const verified = this.config.joinMobileCode && !principal ? await this.checkCode(item.mobile, mobileCode) : undefined;
    const [outcome] = await this.handler.submit([item], { channel: channel ?? 'online', actor: actorOf(principal), proven: principal !== undefined || verified !== undefined });
    if (outcome!.status === 'rejected') {
      throw membershipError.passOn(outcome!.error!);
    }
    if (verified) await this.handler.consumeCode(verified);
    void reply.status(outcome!.status === 'accepted' ? 201 : 200);
    const { index: _index, ...rest } = outcome!;
    return rest;
  }

  private async checkCode(mobile: string, code: string | undefined) {
    if (!code) throw membershipError('mobile_code_required', '请先获取并填写手机验证码', 'mobileCode');
    return this.codes.check(mobile, 'join', code);
  }

  /** A fair's or a kiosk's upload: the officer or the station manager running it vouches for every item. */
  @Post('bulk')
  @Roles('province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager')
  @HttpCode(200)
  @ApiOperation({ summary: '集中入会：一次提交多份申请（≤500），逐份答复，一份有误不影响其余（须工会干部或驿站站长的登录凭证）' })
  @ApiOkResponse({ type: [ItemOutcomeDto] })
  async bulk(@Body() dto: BulkApplicationsDto, @CurrentPrincipal() principal: Principal) {
    const results = await this.handler.submit(dto.items, {
      channel: dto.channel ?? 'fair',
      actor: actorOf(principal),
      proven: true,
      ...(dto.batchId ? { batchId: dto.batchId } : {}),
    });
    const count = (status: ItemOutcomeDto['status']) => results.filter((r) => r.status === status).length;
    return {
      accepted: count('accepted'),
      rejected: count('rejected'),
      existing: count('existing_membership') + count('existing_application') + count('on_record'),
      results,
    };
  }
}
