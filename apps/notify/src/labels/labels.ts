import type { RecipientKind } from '@ws/contracts';

/** Who a message was for, by kind (notify keeps no address): as the officers' 投递状态 names them. A Record, so a new kind without a label fails to compile. */
export const RECIPIENT_KIND_LABELS: Record<RecipientKind, string> = {
  applicant: '入会申请人',
  member: '会员',
  wish_author: '心愿发布人',
  volunteer: '志愿者',
  seeker: '求职者',
  station: '站长',
  node_stations: '本节点站长',
  street: '街道',
  node: '本节点干部',
};
