import { Kysely } from 'kysely';
import { STATION_CLASS_LABELS, STATIONED_PARTNER_LABELS, type StationClass, type StationedPartnerKind } from '@ws/contracts';
import type { StationsDatabase } from '../../db/database';
import type { DirectoryRow } from './directory-row';

export interface NoticeView {
  stationClass: { code: StationClass; label: string } | null;
  /** The notice's hotline, or the station's public number until a notice is published. */
  hotline: string | null;
  pledge: string | null;
  services: string | null;
  hours: string | null;
  /** From this node's vault; null at a node above the station's (the name stays where it was given). */
  managerName: string | null;
  partners: Array<{ kind: StationedPartnerKind; label: string; name: string }>;
}

/**
 * The notice as a list of stations carries it (the directory's pages, the nearest stations): the
 * class, the hotline and the hours a worker looks for before going, nothing from the vault.
 */
export type ShortNotice = Pick<NoticeView, 'stationClass' | 'hotline' | 'hours'>;

/** A row's short notice: the hotline falls back to the station's public number, like the whole notice's. */
export function shortNotice(row: { notice: unknown; station_class: string | null; contact_phone: string | null }): ShortNotice {
  const notice = row.notice as DirectoryRow['notice'];
  const stationClass = row.station_class as StationClass | null;
  return {
    stationClass: stationClass ? { code: stationClass, label: STATION_CLASS_LABELS[stationClass] ?? stationClass } : null,
    hotline: notice?.hotline ?? row.contact_phone,
    hours: notice?.hours ?? null,
  };
}

/** The public notice (公示) of a directory row as the station's pages and the directory show it. */
export async function noticeView(db: Kysely<StationsDatabase>, row: { id: string; notice: unknown; station_class: string | null; contact_phone: string | null }): Promise<NoticeView> {
  const notice = row.notice as DirectoryRow['notice'];
  const name = notice?.managerNameRef
    ? await db.selectFrom('station_notice_names').select('name').where('ref', '=', notice.managerNameRef).where('station_id', '=', row.id).executeTakeFirst()
    : undefined;
  return {
    ...shortNotice(row),
    pledge: notice?.pledge ?? null,
    services: notice?.services ?? null,
    managerName: name?.name ?? null,
    partners: (notice?.partners ?? []).map(({ kind, name: partner }) => ({ kind, label: STATIONED_PARTNER_LABELS[kind] ?? kind, name: partner })),
  };
}
