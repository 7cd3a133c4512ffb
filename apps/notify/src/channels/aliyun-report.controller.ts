import { Body, Controller, HttpCode, Logger, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import { DomainError, Public } from '@ws/kernel';
import { MessageCommands } from '../message/message-commands';
import { notifyError } from '../notify.errors';

/** One item of Aliyun's SMS status report push (短信发送状态报告 SmsReport). */
interface SmsReportItem {
  out_id?: unknown;
  biz_id?: unknown;
  success?: unknown;
  err_code?: unknown;
}

/**
 * Receipts from the Aliyun SMS gateway (HTTP batch push of SmsReport): delivered or not, matched
 * by OutId (the message id) and BizId (the gateway's id, known only to it and us), so a forged
 * report changes nothing. A report that comes before the send is recorded is answered with a
 * non-zero code, which makes the gateway push it again. The phone number it carries is never read or kept.
 */
@ApiTags('网关回执 gateways')
@Controller('gateways/aliyun')
export class AliyunReportController {
  private readonly log = new Logger('AliyunReport');

  constructor(private readonly messages: MessageCommands) {}

  @Post('sms-report')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: '阿里云短信状态报告（SmsReport 推送）' })
  async report(@Body() items: unknown): Promise<{ code: number; msg: string }> {
    if (!Array.isArray(items)) throw notifyError('validation_failed', '状态报告应为数组');
    let early = false;
    for (const item of items as SmsReportItem[]) {
      if (typeof item?.out_id !== 'string' || !isUUID(item.out_id) || typeof item.biz_id !== 'string') continue;
      // A receipt can overtake the record of the send: the gateway is asked to push it again later.
      if ((await this.messages.load(item.out_id)).deliveries.sms?.status === 'pending') {
        early = true;
        continue;
      }
      try {
        await this.messages.run(item.out_id, {
          type: 'RecordReceipt',
          channel: 'sms',
          gatewayRef: item.biz_id,
          delivered: item.success === true,
          error: typeof item.err_code === 'string' && item.err_code !== 'DELIVERED' ? item.err_code : null,
        });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        this.log.warn(`report for ${item.out_id} ignored: ${error.code}`);
      }
    }
    return early ? { code: 1, msg: '稍后重推' } : { code: 0, msg: '成功' };
  }
}
