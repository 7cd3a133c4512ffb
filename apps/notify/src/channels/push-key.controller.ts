import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@ws/kernel';
import { NOTIFY_CONFIG } from '../notify.config';
import type { NotifyConfig } from '../notify.config';

/** The node's VAPID public key, for the worker pages to subscribe a browser to web push. */
@ApiTags('站内信 inbox')
@Controller('push')
export class PushKeyController {
  constructor(@Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig) {}

  @Get('public-key')
  @Public()
  @ApiOperation({ summary: '网页推送的 VAPID 公钥（pushManager.subscribe 的 applicationServerKey）' })
  publicKey() {
    const push = this.config.gateways.push;
    return { publicKey: push.kind === 'off' ? null : (push.publicKey ?? null), gateway: push.kind };
  }
}
