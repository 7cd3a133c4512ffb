import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, DomainError, type Principal, Public } from '@ws/kernel';
import { actorOf } from '../../shared/scope';
import { BulkApplicationsDto, ItemOutcomeDto, SubmitApplicationDto } from './submit-application.dto';
import { SubmitApplicationsHandler } from './submit-applications.handler';

@ApiTags('入会申请 applications')
@Controller('applications')
export class SubmitApplicationsController {
  constructor(private readonly handler: SubmitApplicationsHandler) {}

  @Post()
  @Public()
  @ApiOperation({
    summary: '我要入会：提交一份申请（无需账号）',
    description: '201 已受理；200 该身份证号已是会员或已有申请在办（凭同一手机号可看到编号）；其余为 problem+json。',
  })
  @ApiCreatedResponse({ type: ItemOutcomeDto })
  async submit(@Body() dto: SubmitApplicationDto, @CurrentPrincipal() principal: Principal | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const { channel, ...item } = dto;
    const [outcome] = await this.handler.submit([item], { channel: channel ?? 'online', actor: actorOf(principal) });
    if (outcome!.status === 'rejected') {
      const error = outcome!.error!;
      throw new DomainError(error.code, error.message, error.field);
    }
    void reply.status(outcome!.status === 'accepted' ? 201 : 200);
    const { index: _index, ...rest } = outcome!;
    return rest;
  }

  @Post('bulk')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '集中入会：一次提交多份申请（≤500），逐份答复，一份有误不影响其余' })
  @ApiOkResponse({ type: [ItemOutcomeDto] })
  async bulk(@Body() dto: BulkApplicationsDto, @CurrentPrincipal() principal: Principal | undefined) {
    const results = await this.handler.submit(dto.items, {
      channel: dto.channel ?? 'fair',
      actor: actorOf(principal),
      ...(dto.batchId ? { batchId: dto.batchId } : {}),
    });
    const count = (status: ItemOutcomeDto['status']) => results.filter((r) => r.status === status).length;
    return {
      accepted: count('accepted'),
      rejected: count('rejected'),
      existing: count('existing_membership') + count('existing_application'),
      results,
    };
  }
}
