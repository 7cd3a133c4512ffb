import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import type { AppendMeta, EventStoreTables } from '@ws/eventstore';
import { newId, type Principal } from '@ws/kernel';
import { CommandRunner, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import { nodeStandardAggregate } from '../../aggregates';
import { DirectiveCommands, type DirectiveOutcome, type IssuedEnvelope, issuedIn } from '../directive-commands';
import { type IssueDirectiveDto, toIssueDirective } from './issue-directive.dto';

/** Issuing a directive: from this node, sent down the DIR, and a standard for the whole subtree adopted at the issuer in the same transaction. */
@Injectable()
export class IssueDirectiveHandler {
  constructor(
    private readonly directives: DirectiveCommands,
    private readonly runner: CommandRunner,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  issue(dto: IssueDirectiveDto, principal: Principal): Promise<DirectiveOutcome> {
    const meta = { actor: principal.subject };
    return this.directives.run(toIssueDirective(newId(), this.config.node.code, dto), principal, async (trx, written) => {
      const issued = issuedIn(written);
      if (issued) await this.adoptAtIssuer(trx, issued, { ...meta, causationId: issued.eventId, correlationId: issued.metadata.correlationId });
    });
  }

  /**
   * A standard directed to the whole subtree is in force at the issuer too, so the issuer's own
   * compliance figures (and those of any node that looks up its nearest ancestor) use it. A
   * directive to named children leaves the issuer's standard alone: its other children keep theirs.
   */
  private async adoptAtIssuer(trx: Transaction<EventStoreTables>, issued: IssuedEnvelope, meta: AppendMeta): Promise<void> {
    if (issued.data.goal.kind !== 'adopt_standard' || issued.data.children !== null) return;
    const nodeCode = this.config.node.code;
    await this.runner.run(
      nodeStandardAggregate,
      nodeCode,
      { type: 'AdoptStandard', nodeCode, standard: issued.data.goal.standard },
      { meta, trx },
    );
  }
}
