import { Inject, Injectable } from '@nestjs/common';
import { Transaction, sql } from 'kysely';
import { parseEventSubject, STATIONS_CONTEXT, subtreeContextFilter, VisitsRecorded } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { firstSeen, type ForgedEvent, type Projection } from '@ws/projections';
import type { StationsDatabase } from '../../db/database';
import { foreignToStation, type StationOrigin } from '../directory/station-origin';
import { ShanghaiHours } from './shanghai-hours';

/**
 * Visits per station, day (Asia/Shanghai), hour and occupation. A batch of events is summed in
 * memory first and written as one upsert: 1000 events cost one statement, not 1000. Visits are
 * counted only from the station's own node, as the directory knows it: another node's are
 * returned as forged. A station the directory does not know yet (its projection runs behind
 * this one) is counted under the district of the subject.
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

  async apply(trx: Transaction<StationsDatabase>, events: readonly ConsumedEvent[]): Promise<ForgedEvent[]> {
    const rows = new BucketRows();
    const origins = await stationOrigins(trx, events);
    const forged: ForgedEvent[] = [];
    const genuine = events.filter(({ seq, subject, envelope }) => {
      const { stationId } = envelope.data as VisitsRecorded['data'];
      const origin = origins.get(stationId);
      const foreign = origin ? foreignToStation(origin, subject, stationId) : null;
      if (foreign) forged.push({ seq, detail: `${envelope.type}: ${foreign}` });
      return !foreign;
    });
    // A sum: an event republished after the stream's duplicate window counts once.
    for (const { subject, envelope } of await firstSeen(trx, this.name, genuine)) {
      if (envelope.type !== 'VisitsRecorded') continue;
      const data = envelope.data as VisitsRecorded['data'];
      const station = rows.stations.of(data.stationId);
      const district = rows.districts.of(districtOf(subject));
      for (const visit of data.visits) {
        const { day, hour } = this.hours.of(visit.at);
        rows.count(station, district, rows.days.of(day), hour, rows.occupations.of(visit.occupation));
      }
    }
    if (rows.size === 0) return forged;
    // Rows carry positions into the distinct stations, days, … (a uuid is sent once, not per
    // row), and the number arrays go as literals, without per-element quoting.
    await sql`
      insert into visits_hourly (station_id, district_code, day, hour, occupation, visits)
      select (${rows.stations.values}::uuid[])[r.station], (${rows.districts.values}::text[])[r.district],
             (${rows.days.values}::date[])[r.day], r.hour, (${rows.occupations.values}::text[])[r.occupation], r.visits
      from unnest(
        ${numbers(rows.station)}::int[], ${numbers(rows.district)}::int[], ${numbers(rows.day)}::int[],
        ${numbers(rows.hour)}::smallint[], ${numbers(rows.occupation)}::int[], ${numbers(rows.visits)}::int[]
      ) as r(station, district, day, hour, occupation, visits)
      on conflict (station_id, day, hour, occupation)
      do update set visits = visits_hourly.visits + excluded.visits`.execute(trx);
    return forged;
  }
}

/** Where the directory says each station of the batch belongs (one query for the distinct stations). */
async function stationOrigins(trx: Transaction<StationsDatabase>, events: readonly ConsumedEvent[]): Promise<Map<string, StationOrigin>> {
  const ids = [...new Set(events.map((e) => (e.envelope.data as { stationId: string }).stationId))];
  if (ids.length === 0) return new Map();
  const rows = await trx.selectFrom('station_directory').select(['id', 'origin_node', 'district_code']).where('id', '=', sql<string>`any(${ids}::uuid[])`).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Distinct values of a column, each numbered from 1 (Postgres arrays count from 1). */
class Distinct {
  readonly values: string[] = [];
  private readonly positions = new Map<string, number>();

  of(value: string): number {
    let position = this.positions.get(value);
    if (position === undefined) {
      position = this.values.push(value);
      this.positions.set(value, position);
    }
    return position;
  }
}

/** One batch's hourly buckets (station × day × hour × occupation), summed in memory. */
class BucketRows {
  readonly stations = new Distinct();
  readonly districts = new Distinct();
  readonly days = new Distinct();
  readonly occupations = new Distinct();
  readonly station: number[] = [];
  readonly district: number[] = [];
  readonly day: number[] = [];
  readonly hour: number[] = [];
  readonly occupation: number[] = [];
  readonly visits: number[] = [];
  private readonly rowOf = new Map<number | string, number>();

  get size(): number {
    return this.visits.length;
  }

  count(station: number, district: number, day: number, hour: number, occupation: number): void {
    // One number per bucket (no string per visit); positions this large never occur in a batch,
    // but would still be counted right.
    const key =
      station < 2 ** 21 && day < 2 ** 16 && occupation < 2 ** 11
        ? station * 2 ** 32 + day * 2 ** 16 + hour * 2 ** 11 + occupation
        : `${station}.${day}.${hour}.${occupation}`;
    const row = this.rowOf.get(key);
    if (row !== undefined) {
      this.visits[row]! += 1;
      return;
    }
    this.rowOf.set(key, this.visits.length);
    this.station.push(station);
    this.district.push(district);
    this.day.push(day);
    this.hour.push(hour);
    this.occupation.push(occupation);
    this.visits.push(1);
  }
}

/**
 * The district of `evt.<province>.<city>.<district>.stations.checkins.<id>.VisitsRecorded`
 * (what parseEventSubject would say, without splitting all eight tokens of every event).
 */
function districtOf(subject: string): string {
  const cityEnd = subject.indexOf('.', subject.indexOf('.', 4) + 1);
  const districtEnd = subject.indexOf('.', cityEnd + 1);
  return subject.startsWith('evt.') && cityEnd > 0 && districtEnd > cityEnd + 1
    ? subject.slice(cityEnd + 1, districtEnd)
    : parseEventSubject(subject).district;
}

/** A Postgres array literal of whole numbers. */
function numbers(values: number[]): string {
  return `{${values.join(',')}}`;
}
