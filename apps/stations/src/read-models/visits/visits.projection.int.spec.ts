import { randomUUID } from 'node:crypto';
import { STATIONS_CONTEXT } from '@ws/contracts';
import type { RecordedVisit } from '@ws/contracts';
import { platformConfig } from '@ws/platform';
import { projectionSpec } from '@ws/testing';
import type { StationsDatabase } from '../../db/database';
import { stationsMigrations } from '../../db/migrations';
import { VisitsProjection } from './visits.projection';

describe('VisitsProjection (real Postgres)', () => {
  // A city's projection: it sees the check-ins of all its districts.
  const visits = projectionSpec<StationsDatabase>({
    projection: new VisitsProjection(platformConfig('stations', { NODE_CODE: '3308' })),
    migrations: stationsMigrations,
    databasePrefix: 'visits',
  });

  const recorded = (district: string, stationId: string, recordedVisits: RecordedVisit[]) =>
    visits.event({ node: district, context: STATIONS_CONTEXT, aggregate: 'checkins', aggregateId: stationId, type: 'VisitsRecorded', data: { stationId, visits: recordedVisits } });

  const visit = (at: string, occupation: RecordedVisit['occupation']): RecordedVisit => ({ key: randomUUID(), at, occupation });

  const buckets = () =>
    visits.rows<{ station_id: string; district_code: string; day: string; hour: number; occupation: string; visits: number }>(`
      select station_id, district_code, to_char(day, 'YYYY-MM-DD') as day, hour, occupation, visits
      from visits_hourly order by station_id, day, hour, occupation`);

  it('sums visits per station, Shanghai day and hour and occupation, with each district from its subject, across batches', async () => {
    const [a, b] = [randomUUID(), randomUUID()].sort();
    await visits.given(
      [
        // 15:59Z is 23:59 in Shanghai; 16:00Z is the next day's hour 0; an offset is read too.
        recorded('330802', a!, [visit('2026-06-01T15:59:00.000Z', 'rider'), visit('2026-06-01T16:00:00.000Z', 'rider')]),
        recorded('330802', a!, [visit('2026-06-01T15:10:00.000Z', 'rider'), visit('2026-06-01T23:30:00+08:00', 'courier')]),
        recorded('330803', b!, [visit('2026-06-02T01:00:00.000Z', 'sanitation')]),
      ],
      [recorded('330802', a!, [visit('2026-06-01T15:00:00.000Z', 'rider')])],
    );

    expect(await buckets()).toEqual([
      { station_id: a, district_code: '330802', day: '2026-06-01', hour: 23, occupation: 'courier', visits: 1 },
      { station_id: a, district_code: '330802', day: '2026-06-01', hour: 23, occupation: 'rider', visits: 3 },
      { station_id: a, district_code: '330802', day: '2026-06-02', hour: 0, occupation: 'rider', visits: 1 },
      { station_id: b, district_code: '330803', day: '2026-06-02', hour: 9, occupation: 'sanitation', visits: 1 },
    ]);
  });

  it('counts an event republished after the duplicate window once, in the same batch or a later one', async () => {
    const station = randomUUID();
    const event = recorded('330804', station, [visit('2026-06-03T02:00:00.000Z', 'rider'), visit('2026-06-03T02:10:00.000Z', 'rider')]);
    await visits.given([event, visits.again(event)], [visits.again(event)]);
    expect((await buckets()).filter((b) => b.station_id === station)).toEqual([
      { station_id: station, district_code: '330804', day: '2026-06-03', hour: 10, occupation: 'rider', visits: 2 },
    ]);
  });
});
