import { CHANNEL_LABELS, DELIVERY_STATUS_LABELS } from '@ws/contracts';
import { labelsController } from '@ws/platform';
import { RECIPIENT_KIND_LABELS } from './labels';

/** GET /labels: the zh-CN names of notify's codes, for the pages. */
export const NotifyLabelsController = labelsController('消息触达 labels', '代码的中文名称：渠道、投递状态、接收人类型', {
  channels: CHANNEL_LABELS,
  deliveryStatuses: DELIVERY_STATUS_LABELS,
  recipientKinds: RECIPIENT_KIND_LABELS,
});
