import type { ShiftEvent, ShiftScheduled } from '@ws/contracts';
import { spec } from '@ws/testing';
import { shiftDecider } from './shift.decider';

// spec()'s clock: 2026-06-01T02:00:00Z.
const shift: ShiftScheduled['data'] = {
  shiftId: 'shift-1',
  stationId: 'station-1',
  streetCode: '330802001',
  volunteerId: 'alice',
  startsAt: '2026-06-02T01:00:00.000Z',
  endsAt: '2026-06-02T05:00:00.000Z',
};
const scheduled: ShiftEvent = { type: 'ShiftScheduled', data: shift };
const afterStart = new Date('2026-06-02T03:00:00Z');

describe('shift decider', () => {
  it('schedules a shift once, with sane times', () => {
    spec(shiftDecider).given([]).when({ type: 'ScheduleShift', shift }).then([scheduled]);
    spec(shiftDecider).given([scheduled]).when({ type: 'ScheduleShift', shift }).thenError('shift_already_scheduled');
    spec(shiftDecider).given([]).when({ type: 'ScheduleShift', shift: { ...shift, endsAt: shift.startsAt } }).thenError('shift_times_invalid');
    spec(shiftDecider).given([]).when({ type: 'ScheduleShift', shift: { ...shift, endsAt: '2026-06-03T01:00:00.000Z' } }).thenError('shift_times_invalid');
  });

  it('lets the holder hand the shift over before it starts', () => {
    const swapped: ShiftEvent = { type: 'ShiftSwapped', data: { shiftId: 'shift-1', stationId: 'station-1', fromVolunteerId: 'alice', toVolunteerId: 'bob' } };
    spec(shiftDecider).given([scheduled]).when({ type: 'SwapShift', byVolunteerId: 'alice', toVolunteerId: 'bob' }).then([swapped]);
    spec(shiftDecider).given([scheduled]).when({ type: 'SwapShift', byVolunteerId: null, toVolunteerId: 'bob' }).then([swapped]);
    spec(shiftDecider).given([scheduled]).when({ type: 'SwapShift', byVolunteerId: 'mallory', toVolunteerId: 'mallory' }).thenError('not_shift_holder');
    spec(shiftDecider).given([scheduled]).when({ type: 'SwapShift', byVolunteerId: 'alice', toVolunteerId: 'alice' }).thenError('swap_to_same_volunteer');
    spec(shiftDecider, afterStart).given([scheduled]).when({ type: 'SwapShift', byVolunteerId: 'alice', toVolunteerId: 'bob' }).thenError('shift_already_started');
    // After the swap the new holder serves and records the hours.
    spec(shiftDecider, afterStart).given([scheduled, swapped]).when({ type: 'RecordHours', volunteerId: 'alice', hours: 2 }).thenError('not_shift_holder');
  });

  it('asks another volunteer to take the shift, which changes hands only when they accept', () => {
    const requested: ShiftEvent = {
      type: 'ShiftSwapRequested',
      data: { shiftId: 'shift-1', requestId: 'req-1', stationId: 'station-1', fromVolunteerId: 'alice', toVolunteerId: 'bob', startsAt: shift.startsAt },
    };
    spec(shiftDecider).given([scheduled]).when({ type: 'RequestSwap', byVolunteerId: 'alice', toVolunteerId: 'bob', requestId: 'req-1' }).then([requested]);
    spec(shiftDecider).given([scheduled, requested]).when({ type: 'RequestSwap', byVolunteerId: 'alice', toVolunteerId: 'bob', requestId: 'req-1' }).thenNothing();
    spec(shiftDecider).given([scheduled, requested]).when({ type: 'RequestSwap', byVolunteerId: 'alice', toVolunteerId: 'carol', requestId: 'req-2' }).thenError('swap_already_requested');
    spec(shiftDecider).given([scheduled]).when({ type: 'RequestSwap', byVolunteerId: 'bob', toVolunteerId: 'carol', requestId: 'req-1' }).thenError('not_shift_holder');
    spec(shiftDecider, afterStart).given([scheduled]).when({ type: 'RequestSwap', byVolunteerId: 'alice', toVolunteerId: 'bob', requestId: 'req-1' }).thenError('shift_already_started');

    const answer = (accepted: boolean): ShiftEvent => ({ type: 'ShiftSwapAnswered', data: { shiftId: 'shift-1', requestId: 'req-1', fromVolunteerId: 'alice', toVolunteerId: 'bob', accepted } });
    spec(shiftDecider).given([scheduled, requested]).when({ type: 'AnswerSwap', byVolunteerId: 'bob', requestId: 'req-1', accept: true }).then([
      answer(true),
      { type: 'ShiftSwapped', data: { shiftId: 'shift-1', stationId: 'station-1', fromVolunteerId: 'alice', toVolunteerId: 'bob' } },
    ]);
    spec(shiftDecider).given([scheduled, requested]).when({ type: 'AnswerSwap', byVolunteerId: 'bob', requestId: 'req-1', accept: false }).then([answer(false)]);
    spec(shiftDecider).given([scheduled, requested]).when({ type: 'AnswerSwap', byVolunteerId: 'carol', requestId: 'req-1', accept: true }).thenError('swap_request_not_found');
    spec(shiftDecider).given([scheduled, requested, answer(false)]).when({ type: 'AnswerSwap', byVolunteerId: 'bob', requestId: 'req-1', accept: true }).thenError('swap_request_not_found');
    // Declined, the holder may ask someone else.
    spec(shiftDecider).given([scheduled, requested, answer(false)]).when({ type: 'RequestSwap', byVolunteerId: 'alice', toVolunteerId: 'carol', requestId: 'req-2' }).then([
      { type: 'ShiftSwapRequested', data: { ...requested.data, requestId: 'req-2', toVolunteerId: 'carol' } as never },
    ]);
  });

  it('records the hours served once, within the shift length', () => {
    const served: ShiftEvent = { type: 'ShiftServed', data: { shiftId: 'shift-1', stationId: 'station-1', streetCode: '330802001', volunteerId: 'alice', hours: 3.5 } };
    spec(shiftDecider, afterStart).given([scheduled]).when({ type: 'RecordHours', volunteerId: 'alice', hours: 3.5 }).then([served]);
    spec(shiftDecider, afterStart).given([scheduled, served]).when({ type: 'RecordHours', volunteerId: 'alice', hours: 1 }).thenError('shift_already_served');
    spec(shiftDecider, afterStart).given([scheduled]).when({ type: 'RecordHours', volunteerId: 'alice', hours: 5 }).thenError('hours_out_of_range', 'hours');
    spec(shiftDecider).given([scheduled]).when({ type: 'RecordHours', volunteerId: 'alice', hours: 1 }).thenError('shift_not_started');
    spec(shiftDecider).given([]).when({ type: 'RecordHours', volunteerId: 'alice', hours: 1 }).thenError('shift_not_found');
  });
});
