import { Inject, Injectable } from '@nestjs/common';
import { CODE_PURPOSE_LABELS } from '@ws/contracts';
import type { ExternalChannel, VerificationCodeRequest } from '@ws/contracts';
import { DevBox, DevBoxGateway, maskAddress } from '../devbox/dev-box';
import { NOTIFY_CONFIG } from '../notify.config';
import type { NotifyConfig } from '../notify.config';
import { shanghaiLabel } from '../rules/shanghai-time';
import { AliyunSmsGateway } from './aliyun-sms';
import type { ChannelGateway, SendResult } from './gateway';
import { WechatGateway } from './wechat';
import { WebPushGateway } from './web-push';

/** The text of a verification code SMS (the gateway's template SMS_WS_VERIFICATION_CODE, ${code}). */
export function codeText(request: VerificationCodeRequest): string {
  return `【工会驿站】您的验证码是 ${request.code}（${CODE_PURPOSE_LABELS[request.purpose]}），${shanghaiLabel(request.expiresAt)} 前有效。请勿告诉他人。`;
}

/** The gateway of each external channel, as configured (the development box, a real API, or none). */
@Injectable()
export class Gateways {
  private readonly byChannel: Partial<Record<ExternalChannel, ChannelGateway>> = {};
  private readonly aliyun?: AliyunSmsGateway;

  constructor(
    @Inject(NOTIFY_CONFIG) config: NotifyConfig,
    private readonly box: DevBox,
  ) {
    const timeoutMs = config.gatewayTimeoutMs;
    const { sms, wechat, push } = config.gateways;
    if (sms.kind === 'aliyun') this.byChannel.sms = this.aliyun = new AliyunSmsGateway({ ...sms, timeoutMs });
    else if (sms.kind === 'dev') this.byChannel.sms = new DevBoxGateway('sms', box);
    if (wechat.kind === 'official') this.byChannel.wechat = new WechatGateway({ ...wechat, timeoutMs });
    else if (wechat.kind === 'dev') this.byChannel.wechat = new DevBoxGateway('wechat', box);
    if (push.kind === 'webpush') this.byChannel.push = new WebPushGateway({ ...push, timeoutMs });
    else if (push.kind === 'dev') this.byChannel.push = new DevBoxGateway('push', box);
  }

  of(channel: ExternalChannel): ChannelGateway | undefined {
    return this.byChannel[channel];
  }

  /** A verification code by SMS, at once (codes are never held for quiet hours or caps). */
  async sendCode(request: VerificationCodeRequest): Promise<SendResult> {
    if (this.aliyun) return this.aliyun.sendSms({ phone: request.mobile, template: 'verification_code', vars: { code: request.code }, outId: request.requestId });
    if (!this.byChannel.sms) return { type: 'permanent', error: 'sms_off' };
    this.box.add({ channel: 'sms', to: maskAddress('sms', request.mobile), title: `验证码（${CODE_PURPOSE_LABELS[request.purpose]}）`, text: codeText(request), url: null });
    return { type: 'sent', gatewayRef: null };
  }
}
