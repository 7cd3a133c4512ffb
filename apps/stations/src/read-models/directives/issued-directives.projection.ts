import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { DIRECTIVE_AGGREGATES, nodeCodeOfSubject, STATIONS_CONTEXT, subtreeContextFilter, type DirectiveEvent } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel, type PlatformConfig } from '@ws/platform';
import type { ForgedEvent, Projection } from '@ws/projections';
import type { StationsDatabase } from '../../db/database';
import { issuedColumns } from './directive-rows';

/**
 * Directives issued in the node's subtree (its own, and its descendants' if any), with each event
 * of them. A directive's events are applied only from its issuer's node (returned as forged otherwise).
 */
@ReadModel()
@Injectable()
export class IssuedDirectivesProjection implements Projection<StationsDatabase> {
  readonly name = 'stations.directives';
  readonly tables = ['directive_history', 'directives'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, STATIONS_CONTEXT, DIRECTIVE_AGGREGATES.directive);
  }

  async apply(trx: Transaction<StationsDatabase>, events: readonly ConsumedEvent[]): Promise<ForgedEvent[]> {
    const forged: ForgedEvent[] = [];
    for (const { seq, subject, envelope } of events) {
      const event = { type: envelope.type, data: envelope.data } as DirectiveEvent;
      const foreign = await this.foreignToIssuer(trx, event, nodeCodeOfSubject(subject));
      if (foreign) {
        forged.push({ seq, detail: `${event.type}: ${foreign}` });
        continue;
      }
      const at = new Date(envelope.occurredAt);
      await this.evolve(trx, event, at);
      await trx
        .insertInto('directive_history')
        .values({ directive_id: event.data.directiveId, seq, type: event.type, occurred_at: at, data: JSON.stringify(event.data) })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    return forged;
  }

  /** Why a node may not speak for the directive (it is not its issuer), or null. */
  private async foreignToIssuer(trx: Transaction<StationsDatabase>, event: DirectiveEvent, from: string): Promise<string | null> {
    const { directiveId, issuerNode } = event.data;
    if (issuerNode !== from) return `directive ${directiveId} names issuer ${issuerNode}; node ${from} may not speak for it`;
    const known = await trx.selectFrom('directives').select('issuer_node').where('directive_id', '=', directiveId).executeTakeFirst();
    return known && known.issuer_node !== from ? `directive ${directiveId} was issued by node ${known.issuer_node}; node ${from} may not speak for it` : null;
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
