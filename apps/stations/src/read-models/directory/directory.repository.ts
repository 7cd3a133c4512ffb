import { Kysely, Selectable, Transaction } from 'kysely';
import type { OpeningHours, ServiceSchedule } from '@ws/contracts';
import type { StationDirectoryTable, StationsDatabase } from '../../db/database';
import { DirectoryRow, openMinutesLiteral } from './directory-row';

type Db = Kysely<StationsDatabase> | Transaction<StationsDatabase>;

export async function loadRows(db: Db, ids: string[]): Promise<Map<string, DirectoryRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('station_directory').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, fromDb(r)]));
}

export async function upsertRows(db: Db, rows: DirectoryRow[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map(toDb);
  await db
    .insertInto('station_directory')
    .values(values)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => {
        const columns = Object.keys(values[0]!).filter((c) => c !== 'id') as Array<keyof (typeof values)[number]>;
        return Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)]));
      }),
    )
    .execute();
}

export function fromDb(r: Selectable<StationDirectoryTable>): DirectoryRow {
  const { open24h: _open24h, open_minutes: _openMinutes, ...rest } = r;
  return {
    ...rest,
    hours: r.hours as OpeningHours,
    services: r.services as Array<{ service: string; schedule: ServiceSchedule }>,
    honours: r.honours as DirectoryRow['honours'],
    upgrade: r.upgrade as DirectoryRow['upgrade'],
    notice: r.notice as DirectoryRow['notice'],
  };
}

function toDb(row: DirectoryRow) {
  return {
    ...row,
    hours: JSON.stringify(row.hours),
    open24h: row.hours.open24h,
    open_minutes: openMinutesLiteral(row.hours),
    services: JSON.stringify(row.services),
    honours: JSON.stringify(row.honours),
    upgrade: row.upgrade ? JSON.stringify(row.upgrade) : null,
    notice: row.notice ? JSON.stringify(row.notice) : null,
  };
}
