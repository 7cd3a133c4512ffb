import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { DIRECTIVE_AGGREGATES, STATIONS_CONTEXT, subtreeContextFilter, type DirectiveEvent } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel, type PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { StationsDatabase } from '../../db/database';
import { issuedColumns } from './directive-rows';

/** Directives issued in the node's subtree (its own, and its descendants' if any), with each event of them. */
@ReadModel()
@Injectable()
export class IssuedDirectivesProjection implements Projection<StationsDatabase> {
  readonly name = 'stations.directives';
  readonly tables = ['directive_history', 'directives'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, STATIONS_CONTEXT, DIRECTIVE_AGGREGATES.directive);
  }

  async apply(trx: Transaction<StationsDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { seq, envelope } of events) {
      const event = { type: envelope.type, data: envelope.data } as DirectiveEvent;
      const at = new Date(envelope.occurredAt);
      await this.evolve(trx, event, at);
      await trx
        .insertInto('directive_history')
        .values({ directive_id: event.data.directiveId, seq, type: event.type, occurred_at: at, data: JSON.stringify(event.data) })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }

  private async evolve(trx: Transaction<StationsDatabase>, event: DirectiveEvent, at: Date): Promise<void> {
    switch (event.type) {
      case 'DirectiveIssued':
        await trx
          .insertInto('directives')
          .values({ ...issuedColumns(event.data, at), updated_at: at })
          .onConflict((oc) => oc.column('directive_id').doNothing())
          .execute();
        return;
      case 'DirectiveWithdrawn':
        await trx
          .updateTable('directives')
          .set({ status: 'withdrawn', withdrawn_reason: event.data.reason, updated_at: at })
          .where('directive_id', '=', event.data.directiveId)
          .execute();
        return;
      case 'DirectiveDeadlineAmended':
        await trx.updateTable('directives').set({ deadline: event.data.deadline, updated_at: at }).where('directive_id', '=', event.data.directiveId).execute();
        return;
      default:
        return assertNever(event, 'directive event');
    }
  }
}
