import { Inject, Injectable } from '@nestjs/common';
import { Transaction } from 'kysely';
import { subtreeContextFilter, WISHES_CONTEXT } from '@ws/contracts';
import type { ReportStreamEvent } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { WishesDatabase } from '../../db/database';
import { maskMemberCard } from '../../wish/labels';

/** Street reports (随手拍) with their review and reward, per street. */
@ReadModel()
@Injectable()
export class ReportsProjection implements Projection<WishesDatabase> {
  readonly name = 'wishes.reports';
  readonly tables = ['report_board'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, WISHES_CONTEXT, 'report');
  }

  async apply(trx: Transaction<WishesDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { envelope } of events) {
      const event = { type: envelope.type, data: envelope.data } as ReportStreamEvent;
      const at = envelope.occurredAt;
      switch (event.type) {
        case 'ReportSubmitted': {
          const d = event.data;
          await trx
            .insertInto('report_board')
            .values({
              report_id: d.reportId,
              street_code: d.streetCode,
              district_code: d.streetCode.slice(0, 6),
              lng: d.location.lng,
              lat: d.location.lat,
              text: d.text,
              photo_refs: d.photoRefs,
              member_card_mask: maskMemberCard(d.memberCard),
              status: 'submitted',
              submitted_at: at,
            })
            .onConflict((oc) => oc.column('report_id').doNothing())
            .execute();
          break;
        }
        case 'ReportValidated':
          await trx.updateTable('report_board').set({ status: 'valid', officer_id: event.data.officerId, reason: event.data.note, reviewed_at: at }).where('report_id', '=', event.data.reportId).execute();
          break;
        case 'ReportRejected':
          await trx.updateTable('report_board').set({ status: 'rejected', officer_id: event.data.officerId, reason: event.data.reason, reviewed_at: at }).where('report_id', '=', event.data.reportId).execute();
          break;
        case 'ReportRewarded':
          await trx.updateTable('report_board').set({ amount_yuan: event.data.amountYuan, points: event.data.points }).where('report_id', '=', event.data.reportId).execute();
          break;
        default:
          assertNever(event, 'report event');
      }
    }
  }
}
