import { STATIONS_ERRORS } from './errors';

describe('stations error table', () => {
  it('answers every code with the status it lists', () => {
    for (const [code, status] of Object.entries(STATIONS_ERRORS.statuses)) expect([code, STATIONS_ERRORS.statusOf(code)]).toEqual([code, status]);
  });

  it('maps a missing station to 404, state conflicts to 409, refusals to 422', () => {
    expect(STATIONS_ERRORS.statusOf('station_not_found')).toBe(404);
    for (const code of ['station_already_registered', 'station_closed', 'station_not_suspended', 'station_already_suspended']) expect(STATIONS_ERRORS.statusOf(code)).toBe(409);
    for (const code of ['invalid_location', 'invalid_opening_hours', 'unknown_facility', 'unknown_standard', 'review_year_invalid']) expect(STATIONS_ERRORS.statusOf(code)).toBe(422);
  });

  it('includes the kernel codes, and answers 422 for a code it does not list', () => {
    expect(STATIONS_ERRORS.statusOf('validation_failed')).toBe(400);
    expect(STATIONS_ERRORS.statusOf('version_conflict')).toBe(409);
    expect(STATIONS_ERRORS.statusOf('no_such_code')).toBe(422);
  });
});
