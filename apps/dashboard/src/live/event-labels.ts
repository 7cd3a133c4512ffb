/**
 * Chinese names of event types for the live feed. A type missing here is shown as it is:
 * new services' events appear at once, with their code name, until they get a label.
 */
const LABELS: Record<string, string> = {
  // stations
  VisitsRecorded: '打卡到访',
  StationRegistered: '新驿站登记',
  StationUpdated: '驿站信息更新',
  StationRelocated: '驿站迁址',
  StationSuspended: '驿站暂停服务',
  StationReopened: '驿站恢复服务',
  StationClosed: '驿站关闭',
  FacilitiesChanged: '设施调整',
  ManagerAssigned: '站长任命',
  UpgradePlanned: '列入提档升级',
  UpgradeCompleted: '完成提档升级',
  ServiceOffered: '新增增值服务',
  ServiceWithdrawn: '撤下增值服务',
  StationReviewed: '年度星级评定',
  HonourAwarded: '获评荣誉',
  StandardAdopted: '采用建设标准',
  // membership
  UnionCreated: '工会成立',
  UnionRenamed: '工会更名',
  UnionMerged: '工会合并',
  UnionDissolved: '工会撤销',
  ApplicationSubmitted: '入会申请',
  ApplicationAmended: '入会申请补正',
  ApplicationInfoRequested: '入会申请待补充',
  ApplicationApproved: '入会审批通过',
  ApplicationRejected: '入会申请未通过',
  MembershipActivated: '会籍生效',
  MembershipSuspended: '会籍暂停',
  MembershipReinstated: '会籍恢复',
  MembershipLeft: '退会',
  TransferRequested: '转会申请',
  TransferCompleted: '会籍接转完成',
  TransferDeclined: '转会未通过',
  PointsCredited: '积分入账',
  PointsDebited: '积分扣减',
  ShopItemListed: '积分超市上架',
  ShopItemRepriced: '积分商品调价',
  ShopItemRestocked: '积分商品补货',
  ShopItemWithdrawn: '积分商品下架',
  ShopItemRedeemed: '积分兑换',
  RedemptionMade: '积分兑换',
  PersonErased: '个人信息删除',
  PersonErasureRequested: '注销申请登记',
  PersonErasureRefused: '注销申请不予办理',
  // wishes
  WishPosted: '心愿上墙',
  WishSeconded: '心愿附议',
  WishMerged: '心愿合并',
  WishAccepted: '心愿受理',
  WishDeclined: '心愿未受理',
  WishDecided: '心愿处理决定',
  WishDispatched: '心愿派单',
  WishInProgress: '心愿办理中',
  WishCompleted: '心愿办结',
  WishConfirmed: '心愿确认达成',
  WishClosed: '心愿关闭',
  WishReopened: '心愿重开',
  WishEscalated: '心愿上报',
  SuggestionPosted: '意见建议',
  DemandDispatchDecided: '需求清单派单',
  ReportSubmitted: '随手拍上报',
  ReportValidated: '随手拍核实',
  ReportRejected: '随手拍未采纳',
  ReportRewarded: '随手拍奖励',
  StatusNotified: '进度告知',
  // dispatch
  VolunteerRegistered: '志愿者注册',
  VolunteerLinked: '志愿者关联',
  VolunteerAvailabilityChanged: '志愿者时间调整',
  VolunteerRetired: '志愿者退出',
  ShiftScheduled: '轮值排班',
  ShiftSwapped: '轮值换班',
  ShiftServed: '轮值完成',
  TaskCreated: '派单任务',
  TaskAssigned: '任务指派',
  TaskStarted: '任务开始',
  TaskCompleted: '任务完成',
  TaskCancelled: '任务取消',
  TaskEscalated: '任务升级',
  TaskReopened: '任务重开',
  InvitationSent: '服务邀请',
  InvitationAccepted: '接受邀请',
  InvitationDeclined: '谢绝邀请',
  InvitationExpired: '邀请过期',
  // directives (stations context)
  DirectiveIssued: '下达指令',
  DirectiveWithdrawn: '撤回指令',
  DirectiveDeadlineAmended: '指令调整期限',
  DirectiveReceived: '指令送达',
  DirectiveAcknowledged: '指令签收',
};

const CONTEXTS: Record<string, string> = {
  stations: '驿站',
  membership: '入会',
  wishes: '心愿',
  dispatch: '派单',
  directives: '指令',
};

/** Every label, for the page (a station's history is told with the same words as the feed). */
export function eventLabels(): Readonly<Record<string, string>> {
  return LABELS;
}

export function eventLabel(type: string): string {
  return LABELS[type] ?? type;
}

export function contextLabel(context: string): string {
  return CONTEXTS[context] ?? context;
}
