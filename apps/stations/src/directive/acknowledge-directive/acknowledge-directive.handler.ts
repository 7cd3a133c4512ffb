import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { type Principal } from '@ws/kernel';
import { CommandRunner, DB, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { directiveReceiptAggregate } from '../../aggregates';
import { stationsError } from '../../errors';

/** The receiving node's side: its officer acknowledges (签收) a directive this node received. */
@Injectable()
export class AcknowledgeDirectiveHandler {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async acknowledge(directiveId: string, principal: Principal) {
    const nodeCode = this.config.node.code;
    // The node signs for itself: an ancestor's officer, whom the guard lets act here, may not sign on its behalf.
    if (principal.node !== nodeCode) throw stationsError('out_of_scope', `只有本节点（${nodeCode}）的工作人员可以签收指令`);
    const received = await this.db.selectFrom('received_directives').select(['status']).where('directive_id', '=', directiveId).executeTakeFirst();
    const result = await this.commands.run(
      directiveReceiptAggregate,
      directiveId,
      { type: 'AcknowledgeDirective', directiveId, nodeCode, withdrawn: received?.status === 'withdrawn' },
      { meta: { actor: principal.subject } },
    );
    return { directiveId, nodeCode, acknowledged: true, version: result.version, events: result.events.map((e) => e.type) };
  }
}
