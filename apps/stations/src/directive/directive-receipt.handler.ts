import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { DIRECTIVE_AGGREGATES, DIRECTIVE_EVENT_SCHEMAS, STATIONS_CONTEXT, type DirectiveReceiptEvent } from '@ws/contracts';
import { EventStore } from '@ws/eventstore';
import { CLOCK, DomainError, type Clock, type Principal } from '@ws/kernel';
import { DB, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import type { StationsDatabase } from '../db/database';
import { directiveReceiptDecider } from './directive-receipt.decider';
import { loadStream } from './stream-state';

/** The receiving node's side: its officer acknowledges (签收) a directive this node received. */
@Injectable()
export class DirectiveReceiptHandler {
  constructor(
    private readonly store: EventStore,
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async acknowledge(directiveId: string, principal: Principal) {
    const nodeCode = this.config.node.code;
    // The node signs for itself: an ancestor's officer, whom the guard lets act here, may not sign on its behalf.
    if (principal.node !== nodeCode) throw new DomainError('out_of_scope', `只有本节点（${nodeCode}）的工作人员可以签收指令`);
    const received = await this.db.selectFrom('received_directives').select(['status']).where('directive_id', '=', directiveId).executeTakeFirst();
    const streamId = `${DIRECTIVE_AGGREGATES.receipt}-${directiveId}`;
    const { state, version } = await loadStream(this.db, directiveReceiptDecider, streamId);
    const decided = directiveReceiptDecider.decide(
      { type: 'AcknowledgeDirective', directiveId, nodeCode, withdrawn: received?.status === 'withdrawn' },
      state,
      { now: this.clock.now() },
    );
    if (decided instanceof DomainError) throw decided;
    if (decided.length > 0) {
      const stamped: DirectiveReceiptEvent[] = decided.map((e) => ({ ...e, schema: DIRECTIVE_EVENT_SCHEMAS[e.type] }));
      await this.store.appendToStream({ context: STATIONS_CONTEXT, aggregate: DIRECTIVE_AGGREGATES.receipt, aggregateId: directiveId }, version, stamped, { actor: principal.subject });
    }
    return { directiveId, nodeCode, acknowledged: true, version: version + decided.length, events: decided.map((e) => e.type) };
  }
}
