import { PointsEvent, PointsSource } from '@ws/contracts';
import { assertNever, checkEventText, Decider, DomainError } from '@ws/kernel';
import { BookedEntries } from './booked-entries';
import { membershipError } from '../membership.errors';

/** A single credit or debit above this is a typing error, not a reward. */
export const MAX_POINTS_PER_ENTRY = 100_000;
/** A whole balance moving with a member to another node may be larger than one entry (but fits an int4 read model). */
export const MAX_CARRIED_POINTS = 1_000_000_000;
export const CARRIED_OUT_REASON = '随会籍转往其他节点';

interface Redemption {
  itemId: string;
  quantity: number;
  points: number;
}

export interface PointsState {
  membershipId: string;
  balance: number;
  /** Entry ids already booked (credits and debits): the idempotency keys. */
  entries: BookedEntries;
  redemptions: Record<string, Redemption>;
  /** Check-in credits per Shanghai day, for the last CHECKIN_DAYS_KEPT days: what MEMBERSHIP_CHECKIN_POINTS_PER_DAY caps. */
  checkinsByDay: Record<string, number>;
}

export type PointsCommand =
  | { type: 'CreditPoints'; membershipId: string; entryId: string; points: number; source: PointsSource; sourceRef: string | null }
  /**
   * The check-ins of one VisitsRecorded event with the member card, credited together (one load
   * of the account per event, not per visit): at most `dailyCap` of them earn points on one
   * Shanghai day; the ones over it earn nothing, the others are booked.
   */
  | { type: 'CreditCheckinPoints'; membershipId: string; points: number; sourceRef: string; dailyCap: number; checkins: Array<{ entryId: string; day: string }> }
  | { type: 'DebitPoints'; membershipId: string; entryId: string; points: number; reason: string }
  | { type: 'RedeemPoints'; membershipId: string; redemptionId: string; itemId: string; quantity: number; points: number; stationId?: string }
  /** A cross-node transfer completed at the source: the whole balance leaves with the member. */
  | { type: 'CarryPointsOut'; membershipId: string; entryId: string }
  /** …and arrives at the target (TransferSettled.pointsCarried). */
  | { type: 'CarryPointsIn'; membershipId: string; entryId: string; points: number; transferId: string };

const initialState = (): PointsState => ({ membershipId: '', balance: 0, entries: BookedEntries.empty(), redemptions: {}, checkinsByDay: {} });

function checkAmount(points: number, max = MAX_POINTS_PER_ENTRY): DomainError | undefined {
  if (!Number.isInteger(points) || points <= 0 || points > max) {
    return membershipError('points_invalid', `积分应为 1–${max} 的整数`, 'points');
  }
  return undefined;
}

/** A repeated entry id with the same amount is a redelivery (no-op); with another amount, a mistake. */
function repeated(state: PointsState, entryId: string, points: number): [] | DomainError | undefined {
  const booked = state.entries.get(entryId);
  if (booked === undefined) return undefined;
  return booked === points ? [] : membershipError('entry_id_reused', '该记账编号已用于另一笔积分', 'entryId');
}

function decide(command: PointsCommand, state: PointsState): PointsEvent[] | DomainError {
  switch (command.type) {
    case 'CreditPoints': {
      const invalid = checkAmount(command.points);
      if (invalid) return invalid;
      const again = repeated(state, command.entryId, command.points);
      if (again) return again;
      const sourceRef = command.sourceRef === null ? null : checkEventText(command.sourceRef, 'sourceRef', { max: 200, label: '积分来源' });
      if (sourceRef instanceof DomainError) return sourceRef;
      const { type: _type, ...data } = command;
      return [{ type: 'PointsCredited', data: { ...data, sourceRef } }];
    }
    case 'CreditCheckinPoints': {
      const invalid = checkAmount(command.points);
      if (invalid) return invalid;
      const { membershipId, points, sourceRef, dailyCap } = command;
      const counted = { ...state.checkinsByDay };
      const events: PointsEvent[] = [];
      const inThisCommand = new Set<string>();
      let capped: string | undefined;
      for (const { entryId, day } of command.checkins) {
        const again = repeated(state, entryId, points) ?? (inThisCommand.has(entryId) ? [] : undefined);
        if (again instanceof DomainError) return again;
        if (again) continue;
        inThisCommand.add(entryId);
        if ((counted[day] ?? 0) >= dailyCap) {
          capped ??= day;
          continue;
        }
        counted[day] = (counted[day] ?? 0) + 1;
        events.push({ type: 'PointsCredited', data: { membershipId, entryId, points, source: 'checkin', sourceRef, checkinDay: day } });
      }
      if (events.length === 0 && capped !== undefined) {
        return membershipError('checkin_points_daily_cap', `同一会员卡每天最多 ${dailyCap} 次打卡积分`, 'memberCard', { day: capped });
      }
      return events;
    }
    case 'DebitPoints': {
      const invalid = checkAmount(command.points);
      if (invalid) return invalid;
      const again = repeated(state, command.entryId, -command.points);
      if (again) return again;
      if (state.balance < command.points) {
        return membershipError('insufficient_points', `积分不足：余额 ${state.balance}`, 'points', { balance: state.balance });
      }
      const reason = checkEventText(command.reason, 'reason', { max: 200, label: '扣减原因' });
      if (reason instanceof DomainError) return reason;
      return [{ type: 'PointsDebited', data: { membershipId: command.membershipId, entryId: command.entryId, points: command.points, reason } }];
    }
    case 'RedeemPoints': {
      const earlier = state.redemptions[command.redemptionId];
      if (earlier) {
        const same = earlier.itemId === command.itemId && earlier.quantity === command.quantity;
        return same ? [] : membershipError('redemption_id_reused', '该兑换编号已用于另一次兑换', 'redemptionId');
      }
      const invalid = checkAmount(command.points);
      if (invalid) return invalid;
      if (state.balance < command.points) {
        return membershipError('insufficient_points', `积分不足：需要 ${command.points}，余额 ${state.balance}`, 'points', {
          balance: state.balance,
          required: command.points,
        });
      }
      const { type: _type, stationId, ...data } = command;
      return [{ type: 'RedemptionMade', data: stationId ? { ...data, stationId } : data }];
    }
    case 'CarryPointsOut': {
      if (state.entries.get(command.entryId) !== undefined || state.balance === 0) return [];
      return [{ type: 'PointsDebited', data: { membershipId: command.membershipId, entryId: command.entryId, points: state.balance, reason: CARRIED_OUT_REASON } }];
    }
    case 'CarryPointsIn': {
      const invalid = checkAmount(command.points, MAX_CARRIED_POINTS);
      if (invalid) return invalid;
      const again = repeated(state, command.entryId, command.points);
      if (again) return again;
      return [
        { type: 'PointsCredited', data: { membershipId: command.membershipId, entryId: command.entryId, points: command.points, source: 'transfer', sourceRef: command.transferId } },
      ];
    }
    default:
      return assertNever(command, 'points command');
  }
}

/** Stations take visits up to 30 days late; older days are never credited again, so they are not kept. */
const CHECKIN_DAYS_KEPT = 31;
const DAY_MS = 86_400_000;

function countCheckin(byDay: Record<string, number>, day: string): Record<string, number> {
  const counted = { ...byDay, [day]: (byDay[day] ?? 0) + 1 };
  const newest = Math.max(...Object.keys(counted).map((d) => Date.parse(d)));
  return Object.fromEntries(Object.entries(counted).filter(([d]) => newest - Date.parse(d) < CHECKIN_DAYS_KEPT * DAY_MS));
}

function evolve(state: PointsState, event: PointsEvent): PointsState {
  switch (event.type) {
    case 'PointsCredited':
      return {
        ...state,
        membershipId: event.data.membershipId,
        balance: state.balance + event.data.points,
        entries: state.entries.with(event.data.entryId, event.data.points),
        checkinsByDay: event.data.checkinDay === undefined ? state.checkinsByDay : countCheckin(state.checkinsByDay, event.data.checkinDay),
      };
    case 'PointsDebited':
      return {
        ...state,
        balance: state.balance - event.data.points,
        entries: state.entries.with(event.data.entryId, -event.data.points),
      };
    case 'RedemptionMade':
      return {
        ...state,
        balance: state.balance - event.data.points,
        redemptions: {
          ...state.redemptions,
          [event.data.redemptionId]: { itemId: event.data.itemId, quantity: event.data.quantity, points: event.data.points },
        },
      };
    default:
      return assertNever(event, 'points event');
  }
}

export const pointsDecider: Decider<PointsCommand, PointsEvent, PointsState> = { decide, evolve, initialState };
