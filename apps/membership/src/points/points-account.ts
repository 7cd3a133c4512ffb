import type { EventEnvelope, KeysetPage } from '@ws/contracts';
import { type CommandRunner, decodeCursor, DEFAULT_PAGE_SIZE, orderedByIdAlone, page, type PageQueryDto } from '@ws/platform';
import { pointsAggregate } from '../aggregates';

/** A page of a points account: its balance now and its entries (the account's events), newest first. */
export interface PointsAccountPage {
  balance: number;
  /** The account's version the balance is at; the first page's entries end at it. */
  version: number;
  entries: KeysetPage<EventEnvelope>;
}

const isVersion = (id: string) => /^[1-9][0-9]{0,9}$/.test(id);

/**
 * A keyset page of a member's points account (1–200 entries, KEYSET_PAGE_MAX, 50 by default),
 * newest first, with the balance: read from the account itself, never behind a booking (a
 * redemption shows at once), yet without folding every entry per request — the balance comes
 * from the runner's kept state of the account and the events since, and the page is read
 * backwards by version. The first page ends at the balance's version, so its entries and the
 * balance agree; a later page goes on below the version of the one before (`after`).
 */
export async function pointsAccountPage(commands: CommandRunner, membershipId: string, query: PageQueryDto): Promise<PointsAccountPage> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const cursor = decodeCursor(query.after, isVersion, orderedByIdAlone);
  const { state, version } = await commands.current(pointsAggregate, membershipId);
  const rows = await commands.entries(pointsAggregate, membershipId, limit + 1, cursor ? Number(cursor.id) : version + 1);
  return { balance: state.balance, version, entries: page(rows, limit, (e) => ({ at: '', id: String(e.streamVersion) })) };
}
