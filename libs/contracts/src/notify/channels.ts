/**
 * Where a message goes. The in-app inbox (站内信) always; SMS to the mobile the owning service
 * holds; WeChat subscription messages (公众号订阅通知) and Web Push to what the person bound
 * through the worker pages.
 */
export const CHANNELS = ['inbox', 'sms', 'wechat', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];
/** The channels that leave the node through a gateway (and may be opted out of). */
export const EXTERNAL_CHANNELS = ['sms', 'wechat', 'push'] as const satisfies readonly Channel[];
export type ExternalChannel = (typeof EXTERNAL_CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = { inbox: '站内信', sms: '短信', wechat: '微信订阅通知', push: '网页推送' };

/** sent: the gateway took it; delivered: the gateway's receipt says it arrived (or the inbox holds it). */
export const DELIVERY_STATUSES = ['pending', 'sent', 'delivered', 'failed', 'expired', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: '待发送',
  sent: '已发送',
  delivered: '已送达',
  failed: '发送失败',
  expired: '已过期',
  skipped: '未发送',
};

/** Why a delivery was not attempted. */
export const SKIP_REASONS = ['opted_out', 'no_consent', 'no_contact', 'daily_cap', 'erased'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const SKIP_REASON_LABELS: Record<SkipReason, string> = {
  opted_out: '本人已退订该渠道',
  no_consent: '留下联系方式时未同意接收通知',
  no_contact: '没有该渠道的联系方式',
  daily_cap: '已达当日发送上限',
  erased: '个人信息已注销',
};
