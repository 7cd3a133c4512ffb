import type { DomainEvent } from '../envelope';

/**
 * Events of the dispatch context (统一派单、志愿者、轮值). A volunteer is `volunteerId`; their name
 * and mobile live encrypted in the dispatch service's personal-data vault and never appear here.
 * Times are ISO-8601 instants; weekly availability is in Asia/Shanghai local time.
 */
export const DISPATCH_CONTEXT = 'dispatch';

/** Aggregate names: the subject's aggregate token and the stream id prefix (`<aggregate>-<id>`). */
export const DISPATCH_AGGREGATES = {
  volunteer: 'volunteer',
  shift: 'shift',
  task: 'task',
} as const;

export const VOLUNTEER_TYPES = ['party_member', 'cadre', 'student', 'professional', 'other'] as const;
/** 党员 / 干部 / 学生 / 专业人士 / 其他 */
export type VolunteerType = (typeof VOLUNTEER_TYPES)[number];

export const VOLUNTEER_SKILLS = [
  'first_aid_trainer',
  'doctor',
  'nurse',
  'lawyer',
  'electrician',
  'plumber',
  'repair',
  'teacher',
  'childcare',
  'counsellor',
  'job_advisor',
  'general',
] as const;
/**
 * 急救培训师 / 医生 / 护士 / 律师 / 电工 / 水管工 / 维修 / 教师 / 托育 / 心理咨询 / 就业指导 / 通用.
 * `general` is what every volunteer can do; a task requiring it is open to anyone.
 */
export type VolunteerSkill = (typeof VOLUNTEER_SKILLS)[number];

export interface SkillClaim {
  skill: VolunteerSkill;
  /** Reference to a stored certificate scan (not its number); null when the skill is self-declared. */
  certificateRef: string | null;
}

/** One weekly window when the volunteer can serve: ISO weekday (1 = Monday), HH:MM–HH:MM Asia/Shanghai. */
export interface AvailabilitySlot {
  day: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  from: string;
  to: string;
}

export const VOLUNTEER_RETIREMENT_REASONS = ['withdrew', 'erased', 'removed'] as const;
export type VolunteerRetirementReason = (typeof VOLUNTEER_RETIREMENT_REASONS)[number];

// ---- volunteer (志愿者) ----
export type VolunteerRegistered = DomainEvent<'VolunteerRegistered', {
  volunteerId: string;
  type: VolunteerType;
  skills: SkillClaim[];
  /** 街道 code (GB/T 2260 + 3 digits) inside the node: where the volunteer is dispatched first. */
  homeStreet: string;
  availability: AvailabilitySlot[];
}>;
export type VolunteerAvailabilityChanged = DomainEvent<'VolunteerAvailabilityChanged', {
  volunteerId: string;
  availability: AvailabilitySlot[];
}>;
/** No more invitations or shifts; with `erased` the vault key was destroyed too (crypto-shredding). */
export type VolunteerRetired = DomainEvent<'VolunteerRetired', {
  volunteerId: string;
  reason: VolunteerRetirementReason;
}>;
export type VolunteerEvent = VolunteerRegistered | VolunteerAvailabilityChanged | VolunteerRetired;

// ---- shift (轮值) ----
export type ShiftScheduled = DomainEvent<'ShiftScheduled', {
  shiftId: string;
  stationId: string;
  streetCode: string;
  volunteerId: string;
  startsAt: string;
  endsAt: string;
}>;
/** The shift changed hands: the holder gave it to another volunteer (调班). */
export type ShiftSwapped = DomainEvent<'ShiftSwapped', {
  shiftId: string;
  stationId: string;
  fromVolunteerId: string;
  toVolunteerId: string;
}>;
/** The holder asks another volunteer to take the shift (调班申请); it changes hands only when they accept. */
export type ShiftSwapRequested = DomainEvent<'ShiftSwapRequested', {
  shiftId: string;
  requestId: string;
  stationId: string;
  fromVolunteerId: string;
  toVolunteerId: string;
  startsAt: string;
}>;
/** The asked volunteer's answer; an acceptance is followed by ShiftSwapped in the same append. */
export type ShiftSwapAnswered = DomainEvent<'ShiftSwapAnswered', {
  shiftId: string;
  requestId: string;
  fromVolunteerId: string;
  toVolunteerId: string;
  accepted: boolean;
}>;
/** The volunteer recorded the hours they served on the shift. */
export type ShiftServed = DomainEvent<'ShiftServed', {
  shiftId: string;
  stationId: string;
  streetCode: string;
  volunteerId: string;
  hours: number;
}>;
export type ShiftEvent = ShiftScheduled | ShiftSwapped | ShiftSwapRequested | ShiftSwapAnswered | ShiftServed;

// ---- task (派单任务) ----
export const TASK_MODES = ['individual', 'activity'] as const;
/** One volunteer serves one need, or one activity (e.g. a first-aid training) serves several. */
export type TaskMode = (typeof TASK_MODES)[number];

/** Who is being asked: volunteers of the task's street first, then of the whole district. */
export const DISPATCH_SCOPES = ['street', 'district'] as const;
export type DispatchScope = (typeof DISPATCH_SCOPES)[number];

export const ESCALATION_REASONS = ['street_exhausted', 'deadline_passed'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

export interface TaskSource {
  /** The wishes service's dispatch decision (the DemandDispatchDecided event's decision id). */
  decisionId: string;
  wishIds: string[];
}

export interface TaskLocation {
  lat: number;
  lng: number;
}

export interface CompletionProof {
  notes: string;
  /** References to stored photos, never the photos themselves. */
  photoRefs: string[];
  /** For an activity: how many workers attended. */
  attendees: number | null;
}

export type TaskCreated = DomainEvent<'TaskCreated', {
  taskId: string;
  source: TaskSource;
  streetCode: string;
  /** The wish category (training_first_aid, legal_advice …) as the wishes service named it. */
  category: string;
  requiredSkill: VolunteerSkill;
  title: string;
  location: TaskLocation | null;
  stationId: string | null;
  /** When an activity takes place; null for a task the volunteer schedules themselves. */
  scheduledAt: string | null;
  /** Seats of an activity; null for an individual task. */
  seats: number | null;
  /** Someone in the street must have accepted by then, or the task escalates to the district. */
  deadline: string;
  mode: TaskMode;
}>;
export type InvitationSent = DomainEvent<'InvitationSent', {
  taskId: string;
  invitationId: string;
  volunteerId: string;
  scope: DispatchScope;
  expiresAt: string;
}>;
export type InvitationAccepted = DomainEvent<'InvitationAccepted', { taskId: string; invitationId: string; volunteerId: string }>;
export type InvitationDeclined = DomainEvent<'InvitationDeclined', {
  taskId: string;
  invitationId: string;
  volunteerId: string;
  reason: string | null;
}>;
export type InvitationExpired = DomainEvent<'InvitationExpired', { taskId: string; invitationId: string; volunteerId: string }>;
export type TaskAssigned = DomainEvent<'TaskAssigned', {
  taskId: string;
  invitationId: string;
  volunteerId: string;
  wishIds: string[];
}>;
export type TaskStarted = DomainEvent<'TaskStarted', { taskId: string; volunteerId: string; wishIds: string[] }>;
/** Nobody in the street took the task: from now on the district's volunteers are invited. */
export type TaskEscalated = DomainEvent<'TaskEscalated', {
  taskId: string;
  fromStreet: string;
  /** The district node whose volunteers are now asked. */
  toDistrict: string;
  reason: EscalationReason;
  wishIds: string[];
}>;
export type TaskCompleted = DomainEvent<'TaskCompleted', {
  taskId: string;
  /** The wishes this completion answers (after a reopen: only the reopened ones). */
  wishIds: string[];
  decisionId: string;
  volunteerId: string;
  streetCode: string;
  stationId: string | null;
  proof: CompletionProof;
  hours: number;
}>;
/** A wish author reopened a completed wish: the task is dispatched again, in its street first. */
export type TaskReopened = DomainEvent<'TaskReopened', {
  taskId: string;
  wishIds: string[];
  reason: string;
  deadline: string;
}>;
export type TaskCancelled = DomainEvent<'TaskCancelled', { taskId: string; wishIds: string[]; reason: string }>;
export type TaskEvent =
  | TaskCreated
  | InvitationSent
  | InvitationAccepted
  | InvitationDeclined
  | InvitationExpired
  | TaskAssigned
  | TaskStarted
  | TaskEscalated
  | TaskCompleted
  | TaskReopened
  | TaskCancelled;

export type DispatchContextEvent = VolunteerEvent | ShiftEvent | TaskEvent;
export type DispatchContextEventType = DispatchContextEvent['type'];

/** Schema version of each event type's `data` (the `ws-schema` header), for upcasting later. */
export const DISPATCH_EVENT_SCHEMAS: Record<DispatchContextEventType, number> = {
  VolunteerRegistered: 1,
  VolunteerAvailabilityChanged: 1,
  VolunteerRetired: 1,
  ShiftScheduled: 1,
  ShiftSwapped: 1,
  ShiftSwapRequested: 1,
  ShiftSwapAnswered: 1,
  ShiftServed: 1,
  TaskCreated: 1,
  InvitationSent: 1,
  InvitationAccepted: 1,
  InvitationDeclined: 1,
  InvitationExpired: 1,
  TaskAssigned: 1,
  TaskStarted: 1,
  TaskEscalated: 1,
  TaskCompleted: 1,
  TaskReopened: 1,
  TaskCancelled: 1,
};
