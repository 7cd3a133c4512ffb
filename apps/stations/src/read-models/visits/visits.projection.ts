import { Inject, Injectable } from '@nestjs/common';
import { Transaction, sql } from 'kysely';
import { parseEventSubject, STATIONS_CONTEXT, subtreeContextFilter, VisitsRecorded } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { StationsDatabase } from '../../db/database';
import { ShanghaiHours } from './shanghai-hours';

interface Bucket {
  stationId: string;
  district: string;
  day: string;
  hour: number;
  occupation: string;
  visits: number;
}

/**
 * Visits per station, day (Asia/Shanghai), hour and occupation. A batch of events is summed in
 * memory first and written as one upsert: 1000 events cost one statement, not 1000.
 */
@ReadModel()
@Injectable()
export class VisitsProjection implements Projection<StationsDatabase> {
  readonly name = 'stations.visits';
  readonly tables = ['visits_hourly'];
  readonly filter: string;
  private readonly hours = new ShanghaiHours();

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, STATIONS_CONTEXT, 'checkins');
  }

  async apply(trx: Transaction<StationsDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    const buckets = new Map<string, Bucket>();
    for (const { subject, envelope } of events) {
      if (envelope.type !== 'VisitsRecorded') continue;
      const data = envelope.data as VisitsRecorded['data'];
      const { district } = parseEventSubject(subject);
      for (const visit of data.visits) {
        const { day, hour } = this.hours.of(visit.at);
        const key = `${data.stationId}|${day}|${hour}|${visit.occupation}`;
        const bucket = buckets.get(key);
        if (bucket) bucket.visits += 1;
        else buckets.set(key, { stationId: data.stationId, district, day, hour, occupation: visit.occupation, visits: 1 });
      }
    }
    if (buckets.size === 0) return;
    const rows = [...buckets.values()];
    await sql`
      insert into visits_hourly (station_id, district_code, day, hour, occupation, visits)
      select * from unnest(
        ${rows.map((r) => r.stationId)}::uuid[], ${rows.map((r) => r.district)}::text[],
        ${rows.map((r) => r.day)}::date[], ${rows.map((r) => r.hour)}::smallint[],
        ${rows.map((r) => r.occupation)}::text[], ${rows.map((r) => r.visits)}::int[])
      on conflict (station_id, day, hour, occupation)
      do update set visits = visits_hourly.visits + excluded.visits`.execute(trx);
  }
}
