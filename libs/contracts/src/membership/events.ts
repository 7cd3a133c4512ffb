import type { DomainEvent } from '../envelope';
import { OCCUPATIONS, type Occupation } from '../occupations';

/**
 * Events of the membership context (入会). They carry ids only: a person is `personId`, a member
 * is `membershipId` (plus the member card number, an identifier the union issues). Name, mobile
 * and ID number live encrypted in the service's personal-data vault and never appear here, so
 * nothing personal crosses to the city or province when events are sourced upwards.
 */
export const MEMBERSHIP_CONTEXT = 'membership';

/** Aggregate names: the subject's aggregate token and the stream id prefix (`<aggregate>-<id>`). */
export const MEMBERSHIP_AGGREGATES = {
  union: 'union',
  application: 'application',
  membership: 'membership',
  points: 'points',
  shopItem: 'shopitem',
  person: 'person',
  /** A cross-node transfer as the target node and the routing ancestor record it (transfers.ts). */
  transfer: 'transfer',
} as const;
export type MembershipAggregate = (typeof MEMBERSHIP_AGGREGATES)[keyof typeof MEMBERSHIP_AGGREGATES];

export const UNION_KINDS = ['federation', 'street', 'enterprise', 'industry', 'joint'] as const;
/** 总工会 / 街道（乡镇）工会 / 企业工会 / 行业工会 / 新就业形态联合工会 */
export type UnionKind = (typeof UNION_KINDS)[number];

/** What a member works as: the glossary's occupations (labels: OCCUPATION_LABELS). */
export const MEMBER_OCCUPATIONS = OCCUPATIONS;
export type MemberOccupation = Occupation;

export const APPLICATION_CHANNELS = ['online', 'fair', 'station', 'officer'] as const;
/** Where the application was taken: self-service, a membership fair (bulk), a station kiosk, an officer. */
export type ApplicationChannel = (typeof APPLICATION_CHANNELS)[number];

export const REJECTION_REASONS = ['not_eligible', 'wrong_union', 'incomplete', 'duplicate', 'other'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const REJECTION_REASON_LABELS: Record<RejectionReason, string> = {
  not_eligible: '不符合入会条件',
  wrong_union: '所选工会不对',
  incomplete: '材料不全',
  duplicate: '重复申请',
  other: '其他原因',
};

/** What an applicant reads on 申请进度 for each status of the registry. */
export const APPLICATION_STATUS_LABELS: Record<'submitted' | 'info_requested' | 'approved' | 'rejected', string> = {
  submitted: '已提交，等待工会审核',
  info_requested: '需要补充材料',
  approved: '已批准，欢迎入会',
  rejected: '未通过',
};

/** How a points entry reads on the member's own page. */
export const POINTS_SOURCE_LABELS: Record<PointsSource, string> = {
  street_report: '随手拍奖励',
  volunteer_hours: '志愿服务时长',
  checkin: '驿站打卡',
  manual: '工会发放',
  transfer: '转会带入',
};

/** `transfer`: the balance a member brought from another node (会籍跨节点接转). */
export const POINTS_SOURCES = ['street_report', 'volunteer_hours', 'checkin', 'manual', 'transfer'] as const;
export type PointsSource = (typeof POINTS_SOURCES)[number];

// ---- union (工会组织) ----
export type UnionCreated = DomainEvent<'UnionCreated', {
  unionId: string;
  name: string;
  kind: UnionKind;
  parentUnionId: string | null;
  /**
   * The node the parent union belongs to: this node, or an ancestor (a district federation under
   * the city's). Schema 2; null without a parent. The union tree across nodes is the parent
   * nodes' read model, which sees its whole subtree's unions.
   */
  parentNodeCode: string | null;
  /** The node (GB/T 2260) the union belongs to. */
  nodeCode: string;
  streetCode: string | null;
  /** Occupations a joint union gathers; used to suggest a union to an applicant. */
  occupations: MemberOccupation[];
}>;
export type UnionRenamed = DomainEvent<'UnionRenamed', { unionId: string; name: string }>;
/** The union is absorbed: its members were moved into `intoUnionId` by transfers in the same transaction. */
export type UnionMerged = DomainEvent<'UnionMerged', { unionId: string; intoUnionId: string; membersMoved: number }>;
export type UnionDissolved = DomainEvent<'UnionDissolved', { unionId: string; reason: string }>;
export type UnionEvent = UnionCreated | UnionRenamed | UnionMerged | UnionDissolved;

// ---- join application (入会申请) ----
export type ApplicationSubmitted = DomainEvent<'ApplicationSubmitted', {
  applicationId: string;
  /** What the applicant quotes with their mobile to look up the status. */
  applicationNumber: string;
  personId: string;
  unionId: string;
  occupation: MemberOccupation;
  /** Employer or platform (美团, 顺丰 …): an organisation, checked not to hold personal data. */
  employer: string | null;
  streetCode: string | null;
  stationId: string | null;
  channel: ApplicationChannel;
}>;
export type ApplicationInfoRequested = DomainEvent<'ApplicationInfoRequested', {
  applicationId: string;
  /** Which answers the union wants again, e.g. ['occupation', 'employer', 'idNumber']. */
  fields: string[];
  note: string;
}>;
/** The applicant answered a request for information; personal fields changed only in the vault. */
export type ApplicationAmended = DomainEvent<'ApplicationAmended', {
  applicationId: string;
  unionId: string;
  occupation: MemberOccupation;
  employer: string | null;
  streetCode: string | null;
  personalDataChanged: boolean;
}>;
export type ApplicationApproved = DomainEvent<'ApplicationApproved', {
  applicationId: string;
  membershipId: string;
  cardNumber: string;
}>;
export type ApplicationRejected = DomainEvent<'ApplicationRejected', {
  applicationId: string;
  reason: RejectionReason;
  note: string;
}>;
export type ApplicationEvent = ApplicationSubmitted | ApplicationInfoRequested | ApplicationAmended | ApplicationApproved | ApplicationRejected;

// ---- membership (会籍) ----
export type MembershipActivated = DomainEvent<'MembershipActivated', {
  membershipId: string;
  personId: string;
  unionId: string;
  cardNumber: string;
  occupation: MemberOccupation;
  streetCode: string | null;
  /** The application that led here, or null when the membership arrived by a cross-node transfer. */
  applicationId: string | null;
  /** Set when the membership arrived from another node: the transfer that brought it. */
  transferId: string | null;
}>;
export type TransferRequested = DomainEvent<'TransferRequested', {
  transferId: string;
  membershipId: string;
  fromUnionId: string;
  toUnionId: string;
  fromNode: string;
  toNode: string;
  /** What a target on another node needs to take the member in (ids and codes only). */
  personId: string;
  cardNumber: string;
  occupation: MemberOccupation;
  streetCode: string | null;
}>;
/** Leave the old union and join the new one in one step: never two active memberships, never none. */
export type TransferCompleted = DomainEvent<'TransferCompleted', {
  transferId: string;
  membershipId: string;
  fromUnionId: string;
  toUnionId: string;
  fromNode: string;
  toNode: string;
  /**
   * To another node: the points balance the member takes along (debited here in the same
   * transaction, credited at the target). 0 inside the node, where the account stays. Schema 2.
   */
  pointsCarried: number;
}>;
export type TransferDeclined = DomainEvent<'TransferDeclined', { transferId: string; membershipId: string; reason: string }>;
export type MembershipSuspended = DomainEvent<'MembershipSuspended', { membershipId: string; reason: string }>;
export type MembershipReinstated = DomainEvent<'MembershipReinstated', { membershipId: string }>;
export type MembershipLeft = DomainEvent<'MembershipLeft', { membershipId: string; reason: string }>;
/** The member is also the dispatch service's volunteer `volunteerId`: their hours earn points. */
export type VolunteerLinked = DomainEvent<'VolunteerLinked', { membershipId: string; volunteerId: string }>;
export type MembershipEvent =
  | MembershipActivated
  | TransferRequested
  | TransferCompleted
  | TransferDeclined
  | MembershipSuspended
  | MembershipReinstated
  | MembershipLeft
  | VolunteerLinked;

// ---- points account (积分) ----
export type PointsCredited = DomainEvent<'PointsCredited', {
  membershipId: string;
  /** Idempotency key: derived from the causing event (a reward, completed hours) or given by the officer. */
  entryId: string;
  points: number;
  source: PointsSource;
  /** The causing fact, e.g. the wishes ReportRewarded event id. */
  sourceRef: string | null;
  /** A check-in's Shanghai day (YYYY-MM-DD): what the per-day cap counts. */
  checkinDay?: string;
}>;
export type PointsDebited = DomainEvent<'PointsDebited', { membershipId: string; entryId: string; points: number; reason: string }>;
export type RedemptionMade = DomainEvent<'RedemptionMade', {
  membershipId: string;
  redemptionId: string;
  itemId: string;
  quantity: number;
  points: number;
  /**
   * The station where it was handed over (a station manager's redemption); absent at the union's
   * counter, on the member's own page, and in events recorded before stations were kept.
   */
  stationId?: string;
}>;
export type PointsEvent = PointsCredited | PointsDebited | RedemptionMade;

// ---- points shop item (积分超市商品) ----
export type ShopItemListed = DomainEvent<'ShopItemListed', { itemId: string; name: string; points: number; stock: number }>;
export type ShopItemRestocked = DomainEvent<'ShopItemRestocked', { itemId: string; quantity: number }>;
export type ShopItemRepriced = DomainEvent<'ShopItemRepriced', { itemId: string; points: number }>;
export type ShopItemRedeemed = DomainEvent<'ShopItemRedeemed', { itemId: string; redemptionId: string; quantity: number }>;
export type ShopItemWithdrawn = DomainEvent<'ShopItemWithdrawn', { itemId: string }>;
export type ShopItemEvent = ShopItemListed | ShopItemRestocked | ShopItemRepriced | ShopItemRedeemed | ShopItemWithdrawn;

// ---- person (个人信息主体) ----
/** The person's data key was destroyed (crypto-shredding): their personal data is unreadable everywhere. */
export type PersonErased = DomainEvent<'PersonErased', { personId: string }>;
/** The person asked (at the union) to have their data erased; the officer who takes it records it, to do or refuse. */
export type PersonErasureRequested = DomainEvent<'PersonErasureRequested', { personId: string; requestId: string }>;
/** A request refused, with the reason told to the person (no personal data: checked as event text). */
export type PersonErasureRefused = DomainEvent<'PersonErasureRefused', { personId: string; requestId: string; reason: string }>;
export type PersonEvent = PersonErased | PersonErasureRequested | PersonErasureRefused;

export type MembershipContextEvent = UnionEvent | ApplicationEvent | MembershipEvent | PointsEvent | ShopItemEvent | PersonEvent;
export type MembershipContextEventType = MembershipContextEvent['type'];

/** Schema version of each event type's `data` (the `ws-schema` header), for upcasting later. */
export const MEMBERSHIP_EVENT_SCHEMAS: Record<MembershipContextEventType, number> = {
  UnionCreated: 2,
  UnionRenamed: 1,
  UnionMerged: 1,
  UnionDissolved: 1,
  ApplicationSubmitted: 1,
  ApplicationInfoRequested: 1,
  ApplicationAmended: 1,
  ApplicationApproved: 1,
  ApplicationRejected: 1,
  MembershipActivated: 1,
  TransferRequested: 1,
  TransferCompleted: 2,
  TransferDeclined: 1,
  MembershipSuspended: 1,
  MembershipReinstated: 1,
  MembershipLeft: 1,
  VolunteerLinked: 1,
  PointsCredited: 1,
  PointsDebited: 1,
  RedemptionMade: 1,
  ShopItemListed: 1,
  ShopItemRestocked: 1,
  ShopItemRepriced: 1,
  ShopItemRedeemed: 1,
  ShopItemWithdrawn: 1,
  PersonErased: 1,
  PersonErasureRequested: 1,
  PersonErasureRefused: 1,
};
