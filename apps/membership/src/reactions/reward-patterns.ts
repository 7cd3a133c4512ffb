import {
  DISPATCH_AGGREGATES,
  DISPATCH_CONTEXT,
  type DispatchContextEventType,
  STATION_EVENT_AGGREGATES,
  type StationEventType,
  STATIONS_CONTEXT,
  WISHES_CONTEXT,
  WISHES_EVENT_AGGREGATES,
  type WishesContextEventType,
} from '@ws/contracts';

/**
 * The `context.aggregate.EventType` of the facts that earn points, built from the publishing
 * contexts' own contracts: a renamed event type fails to compile, a moved aggregate moves the
 * pattern with it, instead of a reaction that silently never matches.
 */
export const REWARD_PATTERNS = {
  /** wishes: a valid street report (随手拍) rewarded 2–100 元, already converted to points. */
  reportRewarded: `${WISHES_CONTEXT}.${WISHES_EVENT_AGGREGATES.ReportRewarded}.${'ReportRewarded' satisfies WishesContextEventType}`,
  /** dispatch: a volunteer's task completed, with the hours served. */
  taskCompleted: `${DISPATCH_CONTEXT}.${DISPATCH_AGGREGATES.task}.${'TaskCompleted' satisfies DispatchContextEventType}`,
  /** stations: check-ins, some with a member card. */
  visitsRecorded: `${STATIONS_CONTEXT}.${STATION_EVENT_AGGREGATES.VisitsRecorded}.${'VisitsRecorded' satisfies StationEventType}`,
} as const;

export type RewardFact = keyof typeof REWARD_PATTERNS;

/** The event types the rewards reaction reads (the pattern's last token). */
export const REWARD_EVENT_TYPES = Object.values(REWARD_PATTERNS).map((pattern) => pattern.split('.')[2]!);

/**
 * Which reward fact an event of the node's own stream is, by its subject
 * (evt.<province>.<city>.<district>.<context>.<aggregate>.<id>.<Type>); undefined for any other.
 */
export function rewardFactOf(subject: string): RewardFact | undefined {
  const tokens = subject.split('.');
  const pattern = `${tokens[4]}.${tokens[5]}.${tokens[7]}`;
  return (Object.keys(REWARD_PATTERNS) as RewardFact[]).find((fact) => REWARD_PATTERNS[fact] === pattern);
}
