import type { DomainEvent } from '../envelope';

/**
 * Events of the wishes context (心愿墙、民意建议本、需求清单、随手拍). A wish's author is known only
 * by what they chose to give: a union member card number and, for a contact, `contactRef`, the id
 * of a row in the wishes service's personal-data vault. Names and phone numbers never appear here.
 *
 * The loop with dispatch (libs/contracts/src/dispatch/events.ts), through events only:
 *   wishes  DemandDispatchDecided (mode individual_tasks | activity)  → dispatch creates task(s)
 *   dispatch TaskCreated   { taskId, source: { decisionId, wishIds } } → wishes WishDispatched
 *   dispatch TaskStarted   { taskId, wishIds }                         → wishes WishInProgress
 *   dispatch TaskCompleted { taskId, wishIds, decisionId, proof, hours } → wishes WishCompleted
 *   dispatch TaskEscalated { taskId, toDistrict, reason, wishIds }     → wishes WishEscalated (no_volunteer)
 *   dispatch TaskCancelled { taskId, wishIds, reason }                 → wishes WishReturned (back on the demand list)
 *   wishes  WishReopened   { wishId, taskId, decisionId, reason, deadline } → dispatch TaskReopened, invites again
 *           (the wish shows 已派单 again from its own WishReopened; TaskReopened needs no answer)
 *   wishes  ReportRewarded { memberCard, points }                       → membership credits the points
 * Reactions derive their ids from the causing event id, so redelivery changes nothing.
 */
export const WISHES_CONTEXT = 'wishes';

/** Aggregate names: the subject's aggregate token and the stream id prefix (`<aggregate>-<id>`). */
export const WISHES_AGGREGATES = {
  /** One stream per wish or suggestion. */
  wish: 'wish',
  /** One stream per street officer's decision on a demand-list group (street × category). */
  demand: 'demand',
  /** One stream per street report (随手拍). */
  report: 'report',
} as const;
export type WishesAggregate = (typeof WISHES_AGGREGATES)[keyof typeof WISHES_AGGREGATES];

/** 急救培训 / 健康体检 / 法律咨询 / 爱心托班 / 维修 / 求职 / 设施 / 其他 */
export const WISH_CATEGORIES = [
  'first_aid_training',
  'health_check',
  'legal_advice',
  'childcare_class',
  'repair',
  'job_seeking',
  'facilities',
  'other',
] as const;
export type WishCategory = (typeof WISH_CATEGORIES)[number];

export const WISH_CATEGORY_LABELS: Record<WishCategory, string> = {
  first_aid_training: '急救培训',
  health_check: '健康体检',
  legal_advice: '法律咨询',
  childcare_class: '爱心托班',
  repair: '维修',
  job_seeking: '求职就业',
  facilities: '站点设施',
  other: '其他',
};

export const WISH_URGENCIES = ['low', 'normal', 'urgent'] as const;
export type WishUrgency = (typeof WISH_URGENCIES)[number];

/** The worker posted it themselves (QR code at the station), or the station manager for them. */
export const WISH_AUTHOR_KINDS = ['worker', 'station_manager'] as const;
export type WishAuthorKind = (typeof WISH_AUTHOR_KINDS)[number];

/** A wish asks for something; a suggestion (民意建议本) proposes something. Same lifecycle. */
export const WISH_KINDS = ['wish', 'suggestion'] as const;
export type WishKind = (typeof WISH_KINDS)[number];

/** 已提交 / 已受理 / 已派单 / 进行中 / 已完成 / 已关闭 / 已退回 */
export const WISH_STATUSES = ['submitted', 'accepted', 'dispatched', 'in_progress', 'completed', 'closed', 'declined'] as const;
export type WishStatus = (typeof WISH_STATUSES)[number];

export const WISH_STATUS_LABELS: Record<WishStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  dispatched: '已派单',
  in_progress: '进行中',
  completed: '已完成',
  closed: '已关闭',
  declined: '已退回',
};

/** How the street officer answers a demand-list group: tasks per wish, one activity, or an answer. */
export const DEMAND_DISPATCH_MODES = ['individual_tasks', 'activity', 'answer_only'] as const;
export type DemandDispatchMode = (typeof DEMAND_DISPATCH_MODES)[number];

export const WISH_CLOSE_REASONS = ['confirmed', 'merged', 'not_confirmed_in_time'] as const;
export type WishCloseReason = (typeof WISH_CLOSE_REASONS)[number];

/** Overdue by the category deadline (scheduled check), or dispatch found no volunteer in the street. */
export const WISH_ESCALATION_REASONS = ['overdue', 'no_volunteer'] as const;
export type WishEscalationReason = (typeof WISH_ESCALATION_REASONS)[number];

export type WishRating = 1 | 2 | 3 | 4 | 5;

// ---- wish (心愿 / 建议) ----
export interface WishPostedData {
  wishId: string;
  /** The public number the author looks the wish up by (e.g. `W7K3QX9M2D`). */
  wishNo: string;
  stationId: string;
  /** 12-digit 社区 code; null for a station outside a community. */
  communityCode: string | null;
  /** 9-digit 街道 code: whose demand list the wish joins. */
  streetCode: string;
  category: WishCategory;
  text: string;
  urgency: WishUrgency;
  /** References to stored photos, never the photos themselves. */
  photoRefs: string[];
  authorKind: WishAuthorKind;
  /** A union member card number, if the author gave one. */
  memberCard: string | null;
  /** Id of the contact the author chose to leave, in the wishes service's vault; never the contact itself. */
  contactRef: string | null;
  /** SHA-256 (hex) of the secret handed to the author: proves authorship for confirm / rate / reopen. */
  authorKeyHash: string;
  /** The station manager who posted it on the author's behalf. */
  postedBy: string | null;
  /** The station or community must have moderated it by then, or it escalates. */
  moderateBy: string;
}
export type WishPosted = DomainEvent<'WishPosted', WishPostedData>;
export type SuggestionPosted = DomainEvent<'SuggestionPosted', WishPostedData>;
/** Moderation let it onto the wall; `deadline` is when it must be completed (per category). */
export type WishAccepted = DomainEvent<'WishAccepted', {
  wishId: string;
  streetCode: string;
  category: WishCategory;
  moderatorId: string;
  deadline: string;
}>;
/** A duplicate: its author follows `intoWishId`, which counts it as one more 附议. */
export type WishMerged = DomainEvent<'WishMerged', { wishId: string; intoWishId: string; moderatorId: string }>;
/** Returned to the author with a reason they can read. */
export type WishDeclined = DomainEvent<'WishDeclined', { wishId: string; reason: string; moderatorId: string }>;
/** "Me too" (附议). `seconderHash` is a hash of the seconder's member card or device key: one per person. */
export type WishSeconded = DomainEvent<'WishSeconded', { wishId: string; seconderHash: string; seconds: number }>;
/** The wish is part of a street officer's decision; it waits for dispatch to create the task. */
export type WishDecided = DomainEvent<'WishDecided', {
  wishId: string;
  decisionId: string;
  mode: DemandDispatchMode;
  officerId: string;
}>;
/** Dispatch created (or re-opened) the task that serves this wish. */
export type WishDispatched = DomainEvent<'WishDispatched', { wishId: string; decisionId: string; taskId: string }>;
/** Dispatch cancelled the task: the wish is accepted again and back on its street's demand list. */
export type WishReturned = DomainEvent<'WishReturned', { wishId: string; taskId: string; reason: string }>;
export type WishInProgress = DomainEvent<'WishInProgress', { wishId: string; taskId: string; volunteerId: string }>;
/** Completed by dispatch's TaskCompleted (taskId, proof) or by the officer's answer (answer). */
export type WishCompleted = DomainEvent<'WishCompleted', {
  wishId: string;
  decisionId: string;
  taskId: string | null;
  answer: string | null;
  proof: { notes: string; photoRefs: string[]; attendees: number | null } | null;
  /** Unconfirmed by then, the wish closes by itself. */
  confirmBy: string;
}>;
export type WishConfirmed = DomainEvent<'WishConfirmed', { wishId: string; rating: WishRating; comment: string | null }>;
/**
 * The author is not satisfied: back to the street officer who decided. With a task, dispatch
 * re-dispatches it (TaskReopened); with an answer only, the wish re-enters the demand list.
 */
export type WishReopened = DomainEvent<'WishReopened', {
  wishId: string;
  reason: string;
  streetCode: string;
  officerId: string;
  decisionId: string;
  taskId: string | null;
  /** The new completion deadline. */
  deadline: string;
}>;
export type WishClosed = DomainEvent<'WishClosed', { wishId: string; reason: WishCloseReason }>;
/** The district takes notice. Once per deadline and reason (a reopen brings a new deadline). */
export type WishEscalated = DomainEvent<'WishEscalated', {
  wishId: string;
  streetCode: string;
  /** The district node (6-digit code) the wish escalates to. */
  districtCode: string;
  reason: WishEscalationReason;
  deadline: string;
  /** The status the wish was stuck in. */
  status: WishStatus;
}>;
/** Tell the author (through `contactRef`, if any, and the status page by wish number). */
export type StatusNotified = DomainEvent<'StatusNotified', {
  wishId: string;
  wishNo: string;
  status: WishStatus;
  previousStatus: WishStatus | null;
  /** What the author reads: a decline reason, an answer, a reopen … */
  message: string | null;
  contactRef: string | null;
}>;

export type WishStreamEvent =
  | WishPosted
  | SuggestionPosted
  | WishAccepted
  | WishMerged
  | WishDeclined
  | WishSeconded
  | WishDecided
  | WishDispatched
  | WishReturned
  | WishInProgress
  | WishCompleted
  | WishConfirmed
  | WishReopened
  | WishClosed
  | WishEscalated
  | StatusNotified;

// ---- demand decision (需求清单 → 统一派单) ----
export interface DemandActivity {
  /** Where the activity takes place. */
  stationId: string;
  /** ISO instant it starts. */
  date: string;
  seats: number;
  title: string;
}

export type DemandDispatchDecided = DomainEvent<'DemandDispatchDecided', {
  decisionId: string;
  streetCode: string;
  category: WishCategory;
  mode: DemandDispatchMode;
  wishIds: string[];
  /** Where each wish was posted, for an individual task's place. */
  wishStations: { wishId: string; stationId: string }[];
  /** A title for the task(s): the activity's title, or the officer's summary. */
  title: string;
  activity: DemandActivity | null;
  /** For answer_only: what the authors read. */
  answer: string | null;
  /** A volunteer in the street must have accepted by then, or dispatch escalates to the district. */
  deadline: string;
  officerId: string;
}>;
export type DemandStreamEvent = DemandDispatchDecided;

// ---- street report (随手拍) ----
export type ReportSubmitted = DomainEvent<'ReportSubmitted', {
  reportId: string;
  streetCode: string;
  /** WGS-84, as the stations context's GeoPoint. */
  location: { lng: number; lat: number };
  text: string;
  photoRefs: string[];
  /** The grid member's card number: where the reward goes. */
  memberCard: string | null;
  /** SHA-256 (hex) of client key + content: the same report sent twice is one report. */
  fingerprint: string;
}>;
export type ReportValidated = DomainEvent<'ReportValidated', { reportId: string; officerId: string; note: string | null }>;
export type ReportRejected = DomainEvent<'ReportRejected', { reportId: string; officerId: string; reason: string }>;
/** 2–100 元 for a valid lead; membership turns it into points for `memberCard`. */
export type ReportRewarded = DomainEvent<'ReportRewarded', {
  reportId: string;
  memberCard: string | null;
  amountYuan: number;
  points: number;
}>;
export type ReportStreamEvent = ReportSubmitted | ReportValidated | ReportRejected | ReportRewarded;

export const REPORT_REWARD_YUAN = { min: 2, max: 100 } as const;
/** Points credited per 元 of reward. */
export const POINTS_PER_REWARD_YUAN = 10;

/** Every event of the wishes context. */
export type WishesContextEvent = WishStreamEvent | DemandStreamEvent | ReportStreamEvent;
export type WishesContextEventType = WishesContextEvent['type'];

/** Schema version of each event's `data`; bump it (and add an upcaster) when a shape changes. */
export const WISHES_EVENT_SCHEMAS = {
  WishPosted: 1,
  SuggestionPosted: 1,
  WishAccepted: 1,
  WishMerged: 1,
  WishDeclined: 1,
  WishSeconded: 1,
  WishDecided: 1,
  WishDispatched: 1,
  WishReturned: 1,
  WishInProgress: 1,
  WishCompleted: 1,
  WishConfirmed: 1,
  WishReopened: 1,
  WishClosed: 1,
  WishEscalated: 1,
  StatusNotified: 1,
  DemandDispatchDecided: 1,
  ReportSubmitted: 1,
  ReportValidated: 1,
  ReportRejected: 1,
  ReportRewarded: 1,
} as const satisfies Record<WishesContextEventType, number>;

/** The aggregate (stream prefix and subject token) each event type is appended to. */
export const WISHES_EVENT_AGGREGATES: Record<WishesContextEventType, WishesAggregate> = {
  WishPosted: 'wish',
  SuggestionPosted: 'wish',
  WishAccepted: 'wish',
  WishMerged: 'wish',
  WishDeclined: 'wish',
  WishSeconded: 'wish',
  WishDecided: 'wish',
  WishDispatched: 'wish',
  WishReturned: 'wish',
  WishInProgress: 'wish',
  WishCompleted: 'wish',
  WishConfirmed: 'wish',
  WishReopened: 'wish',
  WishClosed: 'wish',
  WishEscalated: 'wish',
  StatusNotified: 'wish',
  DemandDispatchDecided: 'demand',
  ReportSubmitted: 'report',
  ReportValidated: 'report',
  ReportRejected: 'report',
  ReportRewarded: 'report',
};
