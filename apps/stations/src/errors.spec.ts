import { statusForCode } from '@ws/kernel';
import { STATIONS_ERROR_STATUSES } from './errors';

describe('stations error table', () => {
  it('is registered with the kernel on load: every code answers with its status', () => {
    for (const [code, status] of Object.entries(STATIONS_ERROR_STATUSES)) expect([code, statusForCode(code)]).toEqual([code, status]);
  });

  it('maps a missing station to 404, state conflicts to 409, refusals to 422', () => {
    expect(statusForCode('station_not_found')).toBe(404);
    for (const code of ['station_already_registered', 'station_closed', 'station_not_suspended', 'station_already_suspended']) expect(statusForCode(code)).toBe(409);
    for (const code of ['invalid_location', 'invalid_opening_hours', 'unknown_facility', 'unknown_standard', 'review_year_invalid']) expect(statusForCode(code)).toBe(422);
  });
});
