import { Kysely, sql } from 'kysely';
import type { StationsDatabase } from '../../db/database';
import type { FacilityStandard } from '../../catalogue/standards';
import { compliantSql } from '../directory/directory.query';

export type ComplianceGrouping = 'street' | 'district';

/** Share of open (not closed) stations meeting the standard, per street or district, with what they lack. */
export async function complianceReport(db: Kysely<StationsDatabase>, standard: FacilityStandard, by: ComplianceGrouping) {
  const key = sql.raw(by === 'street' ? 'street_code' : 'district_code');
  const required = [...standard.required];
  const [groups, missing] = await Promise.all([
    sql<{ key: string; total: string; compliant: string }>`
      select ${key} as key, count(*) as total, count(*) filter (where ${compliantSql(standard)}) as compliant
      from station_directory where status <> 'closed'
      group by 1 order by 1`.execute(db),
    sql<{ key: string; facility: string; stations: string }>`
      select ${key} as key, r.facility, count(*) as stations
      from station_directory s cross join unnest(${required}::text[]) as r(facility)
      where s.status <> 'closed' and not (s.facilities @> array[r.facility])
      group by 1, 2 order by 1, 3 desc`.execute(db),
  ]);
  const missingByKey = new Map<string, Array<{ facility: string; stations: number }>>();
  for (const row of missing.rows) {
    const list = missingByKey.get(row.key) ?? [];
    list.push({ facility: row.facility, stations: Number(row.stations) });
    missingByKey.set(row.key, list);
  }
  const rows = groups.rows.map((g) => {
    const total = Number(g.total);
    const compliant = Number(g.compliant);
    return { key: g.key, total, compliant, share: total === 0 ? 0 : compliant / total, missing: missingByKey.get(g.key) ?? [] };
  });
  const total = rows.reduce((s, r) => s + r.total, 0);
  const compliant = rows.reduce((s, r) => s + r.compliant, 0);
  return { standard: standard.code, label: standard.label, by, total, compliant, share: total === 0 ? 0 : compliant / total, rows };
}
