import { Inject, Injectable } from '@nestjs/common';
import { Kysely, sql } from 'kysely';
import { consolePages, shanghaiToday } from '@ws/contracts';
import type { Recipient } from '@ws/contracts';
import { CLOCK, derivedId } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { DB, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { NotifyDatabase } from '../db/database';
import { MessageComposer } from '../message/composer';
import { NOTIFY_CONFIG } from '../notify.config';
import type { NotifyConfig } from '../notify.config';
import { shanghaiMinuteOfDay } from '../rules/shanghai-time';

interface Overdue {
  street: string;
  overdueWishes: number;
  unmoderatedWishes: number;
  overdueTasks: number;
}

/** A UUID-shaped cause for something that happens at an instant (ids derived from it sort by time). */
export function instantCause(at: Date): string {
  const hex = at.getTime().toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}

/**
 * The officers' daily digest (每日逾期汇总), once a day after NOTIFY_DIGEST_HOUR: each street's
 * officers get their street's overdue work, the node's officers the whole node's; nothing is sent
 * where nothing is overdue. One transaction per day (digest_runs), so a restart or a second
 * process composes it once.
 */
@Injectable()
export class DailyDigest {
  constructor(
    @Inject(DB) private readonly db: Kysely<NotifyDatabase>,
    private readonly composer: MessageComposer,
    @Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Composes today's digest if it is time and nobody has; returns how many messages it composed. */
  async pass(): Promise<number> {
    const now = this.clock.now();
    if (shanghaiMinuteOfDay(now) < this.config.digestHour * 60) return 0;
    const day = shanghaiToday(now);
    return this.db.transaction().execute(async (trx) => {
      const claimed = await trx.insertInto('digest_runs').values({ day, composed_at: now }).onConflict((oc) => oc.column('day').doNothing()).returning('day').executeTakeFirst();
      if (!claimed) return 0;
      const perStreet = await this.overdue(trx, now);
      const total = perStreet.reduce(
        (sum, s) => ({ street: '', overdueWishes: sum.overdueWishes + s.overdueWishes, unmoderatedWishes: sum.unmoderatedWishes + s.unmoderatedWishes, overdueTasks: sum.overdueTasks + s.overdueTasks }),
        { street: '', overdueWishes: 0, unmoderatedWishes: 0, overdueTasks: 0 },
      );
      const cause = derivedId(instantCause(now), `digest:${day}`);
      const tell = async (recipient: Recipient, counts: Overdue) => {
        if (counts.overdueWishes + counts.unmoderatedWishes + counts.overdueTasks === 0) return 0;
        const { street: _street, ...params } = counts;
        await this.composer.compose(trx, { cause, causeIsEvent: false, kind: 'overdue_digest', recipient, params: { day, ...params }, link: consolePages.overdue(), sms: false });
        return 1;
      };
      let composed = 0;
      for (const street of perStreet) composed += await tell({ kind: 'street', id: street.street }, street);
      composed += await tell({ kind: 'node', id: this.platform.node.code }, total);
      return composed;
    });
  }

  private async overdue(trx: Kysely<NotifyDatabase>, now: Date): Promise<Overdue[]> {
    const { rows } = await sql<{ street: string; overdue_wishes: number; unmoderated_wishes: number; overdue_tasks: number }>`
      with wishes as (
        select street_code as street,
               count(*) filter (where deadline < ${now} and status <> 'submitted')::int as overdue_wishes,
               count(*) filter (where status = 'submitted' and moderate_by < ${now})::int as unmoderated_wishes
        from wish_refs where open group by street_code
      ), tasks as (
        select street_code as street, count(*)::int as overdue_tasks
        from task_refs where open and assignee is null and deadline < ${now} group by street_code
      )
      select coalesce(w.street, t.street) as street, coalesce(w.overdue_wishes, 0) as overdue_wishes,
             coalesce(w.unmoderated_wishes, 0) as unmoderated_wishes, coalesce(t.overdue_tasks, 0) as overdue_tasks
      from wishes w full join tasks t on t.street = w.street
      order by 1`.execute(trx);
    return rows.map((r) => ({ street: r.street, overdueWishes: r.overdue_wishes, unmoderatedWishes: r.unmoderated_wishes, overdueTasks: r.overdue_tasks }));
  }
}
