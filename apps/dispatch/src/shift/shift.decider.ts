import type { ShiftEvent, ShiftScheduled } from '@ws/contracts';
import { assertNever, DecideContext, Decider, DomainError } from '@ws/kernel';
import { dispatchError } from '../dispatch.errors';

export const MAX_SHIFT_HOURS = 12;
const HOUR_MS = 3600_000;

export type ShiftCommand =
  | { type: 'ScheduleShift'; shift: ShiftScheduled['data'] }
  /** `byVolunteerId` is the holder handing the shift over; null when a station manager reassigns it. */
  | { type: 'SwapShift'; byVolunteerId: string | null; toVolunteerId: string }
  /** The holder asks another volunteer to take the shift; it changes hands when they accept. */
  | { type: 'RequestSwap'; byVolunteerId: string; toVolunteerId: string; requestId: string }
  | { type: 'AnswerSwap'; byVolunteerId: string; requestId: string; accept: boolean }
  | { type: 'RecordHours'; volunteerId: string; hours: number };

export interface ShiftState {
  status: 'none' | 'scheduled' | 'served';
  shiftId: string;
  stationId: string;
  streetCode: string;
  volunteerId: string;
  startsAt: string;
  endsAt: string;
  /** A swap the holder asked for, waiting for the other volunteer's answer. */
  pendingSwap: { requestId: string; toVolunteerId: string } | null;
}

export const shiftErrors = {
  notFound: () => dispatchError('shift_not_found', '轮值班次不存在', 'shiftId'),
  alreadyScheduled: () => dispatchError('shift_already_scheduled', '该班次已排定', 'shiftId'),
  timesInvalid: () => dispatchError('shift_times_invalid', `班次须先开始后结束，且不超过 ${MAX_SHIFT_HOURS} 小时`, 'endsAt'),
  notHolder: () => dispatchError('not_shift_holder', '只有本班次的志愿者可以操作', 'volunteerId'),
  alreadyServed: () => dispatchError('shift_already_served', '该班次已记录服务时长'),
  alreadyStarted: () => dispatchError('shift_already_started', '班次已开始，不能再调班'),
  sameVolunteer: () => dispatchError('swap_to_same_volunteer', '不能调给自己', 'toVolunteerId'),
  notStarted: () => dispatchError('shift_not_started', '班次尚未开始，不能记录时长'),
  swapPending: () => dispatchError('swap_already_requested', '已有一个调班请求在等待答复', 'toVolunteerId'),
  swapNotFound: () => dispatchError('swap_request_not_found', '没有等待您答复的这个调班请求', 'requestId'),
  hoursOutOfRange: (max: number) => dispatchError('hours_out_of_range', `服务时长须大于 0 且不超过 ${max} 小时`, 'hours'),
};

export function initialShiftState(): ShiftState {
  return { status: 'none', shiftId: '', stationId: '', streetCode: '', volunteerId: '', startsAt: '', endsAt: '', pendingSwap: null };
}

export function decideShift(command: ShiftCommand, state: ShiftState, context: DecideContext): ShiftEvent[] | DomainError {
  if (command.type === 'ScheduleShift') {
    if (state.status !== 'none') return shiftErrors.alreadyScheduled();
    const length = Date.parse(command.shift.endsAt) - Date.parse(command.shift.startsAt);
    if (!(length > 0 && length <= MAX_SHIFT_HOURS * HOUR_MS)) return shiftErrors.timesInvalid();
    return [{ type: 'ShiftScheduled', data: command.shift }];
  }
  if (state.status === 'none') return shiftErrors.notFound();
  if (state.status === 'served') return shiftErrors.alreadyServed();
  switch (command.type) {
    case 'SwapShift':
      if (command.byVolunteerId !== null && command.byVolunteerId !== state.volunteerId) return shiftErrors.notHolder();
      if (command.toVolunteerId === state.volunteerId) return shiftErrors.sameVolunteer();
      if (context.now.getTime() >= Date.parse(state.startsAt)) return shiftErrors.alreadyStarted();
      return [{ type: 'ShiftSwapped', data: { shiftId: state.shiftId, stationId: state.stationId, fromVolunteerId: state.volunteerId, toVolunteerId: command.toVolunteerId } }];
    case 'RequestSwap':
      if (command.byVolunteerId !== state.volunteerId) return shiftErrors.notHolder();
      if (command.toVolunteerId === state.volunteerId) return shiftErrors.sameVolunteer();
      if (context.now.getTime() >= Date.parse(state.startsAt)) return shiftErrors.alreadyStarted();
      if (state.pendingSwap?.requestId === command.requestId) return [];
      if (state.pendingSwap) return shiftErrors.swapPending();
      return [{
        type: 'ShiftSwapRequested',
        data: { shiftId: state.shiftId, requestId: command.requestId, stationId: state.stationId, fromVolunteerId: state.volunteerId, toVolunteerId: command.toVolunteerId, startsAt: state.startsAt },
      }];
    case 'AnswerSwap': {
      const pending = state.pendingSwap;
      if (!pending || pending.requestId !== command.requestId || pending.toVolunteerId !== command.byVolunteerId) return shiftErrors.swapNotFound();
      if (context.now.getTime() >= Date.parse(state.startsAt)) return shiftErrors.alreadyStarted();
      const answered: ShiftEvent = {
        type: 'ShiftSwapAnswered',
        data: { shiftId: state.shiftId, requestId: pending.requestId, fromVolunteerId: state.volunteerId, toVolunteerId: pending.toVolunteerId, accepted: command.accept },
      };
      if (!command.accept) return [answered];
      return [answered, { type: 'ShiftSwapped', data: { shiftId: state.shiftId, stationId: state.stationId, fromVolunteerId: state.volunteerId, toVolunteerId: pending.toVolunteerId } }];
    }
    case 'RecordHours': {
      if (command.volunteerId !== state.volunteerId) return shiftErrors.notHolder();
      if (context.now.getTime() < Date.parse(state.startsAt)) return shiftErrors.notStarted();
      const maxHours = (Date.parse(state.endsAt) - Date.parse(state.startsAt)) / HOUR_MS;
      if (!(command.hours > 0 && command.hours <= maxHours)) return shiftErrors.hoursOutOfRange(maxHours);
      return [{ type: 'ShiftServed', data: { shiftId: state.shiftId, stationId: state.stationId, streetCode: state.streetCode, volunteerId: state.volunteerId, hours: command.hours } }];
    }
    default:
      return assertNever(command, 'shift command');
  }
}

export function evolveShift(state: ShiftState, event: ShiftEvent): ShiftState {
  switch (event.type) {
    case 'ShiftScheduled':
      return { status: 'scheduled', ...event.data, pendingSwap: null };
    case 'ShiftSwapped':
      return { ...state, volunteerId: event.data.toVolunteerId, pendingSwap: null };
    case 'ShiftSwapRequested':
      return { ...state, pendingSwap: { requestId: event.data.requestId, toVolunteerId: event.data.toVolunteerId } };
    case 'ShiftSwapAnswered':
      return { ...state, pendingSwap: null };
    case 'ShiftServed':
      return { ...state, status: 'served' };
    default:
      return assertNever(event, 'shift event');
  }
}

export const shiftDecider: Decider<ShiftCommand, ShiftEvent, ShiftState> = {
  decide: decideShift,
  evolve: evolveShift,
  initialState: initialShiftState,
};
