import { Kysely } from 'kysely';
import type { WishesDatabase } from '../../db/database';
import { isStreetOfNode } from '../../shared/street-code';
import { wishesError } from '../../errors';

export interface KnownStation {
  stationId: string;
  name: string;
  streetCode: string;
  communityCode: string | null;
  status: string;
}

/**
 * A station the stations context registered in this district; closed stations take no new
 * wishes. A node above sees its districts' stations too, but a wish belongs to its district.
 */
export async function openStation(db: Kysely<WishesDatabase>, stationId: string, districtCode: string): Promise<KnownStation> {
  const row = await db.selectFrom('known_stations').selectAll().where('station_id', '=', stationId).executeTakeFirst();
  if (!row) throw wishesError('station_not_found', '没有这个站点（二维码无效或站点尚未登记）', 'stationId');
  if (!isStreetOfNode(row.street_code, districtCode)) throw wishesError('out_of_scope', `站点 ${row.name} 属于其他区县，请在其所在区县提交`, 'stationId');
  if (row.status === 'closed') throw wishesError('station_closed', `站点 ${row.name} 已关闭`, 'stationId');
  return { stationId: row.station_id, name: row.name, streetCode: row.street_code, communityCode: row.community_code, status: row.status };
}
