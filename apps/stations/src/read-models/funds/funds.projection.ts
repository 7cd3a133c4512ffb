import { Inject, Injectable } from '@nestjs/common';
import { sql, Transaction } from 'kysely';
import { BUDGET_AGGREGATE, type BudgetEvent, parseEventSubject, STATIONS_CONTEXT, subtreeContextFilter } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel, type PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { StationsDatabase } from '../../db/database';

/** Budgets of the node's whole subtree with what is spent, and every spending (the report's funds spent by period). */
@ReadModel()
@Injectable()
export class FundsProjection implements Projection<StationsDatabase> {
  readonly name = 'stations.funds';
  readonly tables = ['fund_spending', 'budgets'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, STATIONS_CONTEXT, BUDGET_AGGREGATE);
  }

  async apply(trx: Transaction<StationsDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { subject, envelope } of events) {
      await applyEvent(trx, { type: envelope.type, data: envelope.data } as BudgetEvent, parseEventSubject(subject).district);
    }
  }
}

async function applyEvent(trx: Transaction<StationsDatabase>, event: BudgetEvent, district: string): Promise<void> {
  switch (event.type) {
    case 'BudgetAllocated': {
      const b = event.data;
      await trx.insertInto('budgets').values({
        budget_id: b.budgetId, district_code: district, node_code: b.nodeCode, level: b.level, station_id: b.stationId, street_code: b.streetCode,
        year: b.year, title: b.title, amount_fen: b.amountFen, spent_fen: 0,
      }).onConflict((oc) => oc.column('budget_id').doNothing()).execute();
      return;
    }
    case 'BudgetAdjusted':
      await sql`update budgets set amount_fen = ${event.data.amountFen} where budget_id = ${event.data.budgetId}::uuid`.execute(trx);
      return;
    case 'SpendingRecorded': {
      const s = event.data;
      const inserted = await trx.insertInto('fund_spending').values({
        spending_id: s.spendingId, budget_id: s.budgetId, district_code: district, station_id: s.stationId, category: s.category, amount_fen: s.amountFen, spent_on: s.spentOn, payee: s.payee,
      }).onConflict((oc) => oc.column('spending_id').doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
        await sql`update budgets set spent_fen = spent_fen + ${s.amountFen} where budget_id = ${s.budgetId}::uuid`.execute(trx);
      }
      return;
    }
    default:
      assertNever(event, 'budget event');
  }
}
