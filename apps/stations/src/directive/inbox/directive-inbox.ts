import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import {
  isAddressedTo,
  isAncestorOrSelf,
  DIRECTIVE_TYPES,
  nodeCodeOfDirectiveSubject,
  STATIONS_CONTEXT,
  type DirectiveEvent,
  type DirectiveIssued,
  type EventEnvelope,
  type NodeRef,
} from '@ws/contracts';
import { assertNever, CLOCK, type Clock } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { CommandRunner, PLATFORM_CONFIG, Reaction, type EventReaction, type Forged, type PlatformConfig, type RunOptions } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { issuedColumns } from '../../read-models/directives/directive-rows';
import { directiveReceiptAggregate, nodeStandardAggregate } from '../../aggregates';

/** The context token of a dir.<province>.<city>.<district>.<context>.<type>.<id> subject. */
const CONTEXT_TOKEN = 4;

/**
 * The node's end of its ancestors' directives: reads the DIR stream (unfiltered: on nats 2.9 the
 * subjects sourced from the parent lie outside the stream's own) and keeps those addressed to
 * this node, in the transaction that advances its checkpoint. A directive received here becomes
 * a row of `received_directives` and a DirectiveReceived of the node's own (up the EVT, so the
 * issuer sees who got it); a standard it directs is adopted by the node at once (StandardAdopted,
 * so this node's compliance and everyone above it measure against it). A directive delivered
 * again finds its row and changes nothing; one the domain refuses is recorded as refused (the
 * reaction policy). A directive is taken only from its issuer, an ancestor of this node: one whose
 * subject is another node's, or whose payload names an issuer other than the subject's node, is
 * answered as forged (parked).
 */
@Reaction()
@Injectable()
export class DirectiveInbox implements EventReaction<StationsDatabase> {
  readonly name = 'stations.directive-inbox';
  readonly stream = 'dir';
  readonly events = DIRECTIVE_TYPES;
  private readonly node: NodeRef;

  constructor(
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    private readonly commands: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.node = config.node;
  }

  async react(trx: Transaction<StationsDatabase>, { subject, envelope }: ConsumedEvent): Promise<void | Forged> {
    // The DIR stream also carries other contexts' directives (membership's transfers).
    if (subject.split('.')[CONTEXT_TOKEN] !== STATIONS_CONTEXT) return;
    const from = nodeCodeOfDirectiveSubject(subject);
    const { issuerNode } = envelope.data as { issuerNode?: string };
    if (issuerNode !== from || !isAncestorOrSelf(from, this.node.code)) {
      return { forged: `${envelope.type}: issuer ${String(issuerNode)} on a subject of node ${from}, which is not an ancestor of ${this.node.code}` };
    }
    await this.handle(trx, { type: envelope.type, data: envelope.data } as DirectiveEvent, envelope);
  }

  private async handle(trx: Transaction<StationsDatabase>, event: DirectiveEvent, envelope: EventEnvelope): Promise<void> {
    const updatedAt = this.clock.now();
    switch (event.type) {
      case 'DirectiveIssued':
        return this.receive(trx, event, envelope);
      case 'DirectiveWithdrawn':
        await trx
          .updateTable('received_directives')
          .set({ status: 'withdrawn', withdrawn_reason: event.data.reason, updated_at: updatedAt })
          .where('directive_id', '=', event.data.directiveId)
          .execute();
        return;
      case 'DirectiveDeadlineAmended':
        await trx
          .updateTable('received_directives')
          .set({ deadline: event.data.deadline, updated_at: updatedAt })
          .where('directive_id', '=', event.data.directiveId)
          .execute();
        return;
      default:
        return assertNever(event, 'directive event');
    }
  }

  private async receive(trx: Transaction<StationsDatabase>, event: DirectiveIssued, envelope: EventEnvelope): Promise<void> {
    const here = this.node.code;
    const { directiveId, issuerNode, goal } = event.data;
    if (!isAddressedTo(event.data, here)) return;
    const receivedAt = this.clock.now();
    const inserted = await trx
      .insertInto('received_directives')
      .values({ ...issuedColumns(event.data, new Date(envelope.occurredAt)), received_at: receivedAt, updated_at: receivedAt })
      .onConflict((oc) => oc.column('directive_id').doNothing())
      .returning('directive_id')
      .executeTakeFirst();
    if (!inserted) return;
    // Read and appended through the batch's transaction: of two standards directed in one batch,
    // the second is decided after the first's StandardAdopted.
    const options: RunOptions = { meta: { actor: 'system', causationId: envelope.eventId, correlationId: envelope.metadata.correlationId }, trx };
    await this.commands.run(
      directiveReceiptAggregate,
      directiveId,
      { type: 'ReceiveDirective', directiveId, issuerNode, nodeCode: here },
      options,
    );
    if (goal.kind === 'adopt_standard') {
      await this.commands.run(
        nodeStandardAggregate,
        here,
        { type: 'AdoptStandard', nodeCode: here, standard: goal.standard },
        options,
      );
    }
  }
}
