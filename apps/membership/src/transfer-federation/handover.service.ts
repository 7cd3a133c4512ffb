import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { handoverSubject } from '@ws/contracts';
import { requestReply, serveRequests, type BusConnection, type Responder } from '@ws/messaging';
import { CommandRunner, DB, NATS, PeriodicJob, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import { incomingTransferAggregate } from '../aggregates';
import type { MembershipDatabase } from '../db/database';
import type { PersonalData } from '../personal-data/crypto';
import { PersonalDataVault } from '../personal-data/personal-data.vault';
import { openHandover, sealHandover, type SealedHandover } from './handover-crypto';

export const handoverKeyPurpose = (transferId: string) => `handover-key:${transferId}`;

const RETRY_EVERY_MS = 2_000;
const REQUEST_TIMEOUT_MS = 5_000;
const BATCH = 50;

type HandoverReply = { sealed: SealedHandover } | { error: 'not_available' };

/**
 * The personal-data leg of a cross-node transfer, over core NATS request/reply (nothing is
 * stored in a stream):
 *   - as a source, it answers `pii.<this node>.membership.handover` for transfers it completed,
 *     sealing the person's data to the public key the target sent up with its acceptance (a
 *     requester without the matching private key gets nothing it can read);
 *   - as a target, it asks the source for each completed incoming transfer until the data is
 *     in its vault, then forgets its private key and records IncomingTransferDataReceived, which
 *     the common ancestor turns into TransferHandedOver: the source drops its copy. The asking
 *     is its pass, leased (one process per database asks, so a source is not asked twice at
 *     once), at start, every RETRY_EVERY_MS and when the inbox has made data ready (`wake`).
 */
@Injectable()
export class HandoverService extends PeriodicJob<void> {
  private responder?: Responder;

  constructor(
    private readonly commands: CommandRunner,
    @Inject(DB) private readonly db: Kysely<MembershipDatabase>,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
    @Inject(NATS) private readonly nats: BusConnection,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    super({ name: 'Handover', everyMs: RETRY_EVERY_MS, leaseOn: db, passAtStart: true });
  }

  override onApplicationBootstrap(): void {
    this.responder = serveRequests<{ transferId?: string }, HandoverReply>(this.nats, handoverSubject(this.config.node.code), (request) => this.answer(request), {
      onError: (failure) => this.logger.error(`handover answer failed: ${String(failure)}`),
    });
    super.onApplicationBootstrap();
  }

  override async onApplicationShutdown(): Promise<void> {
    await Promise.all([super.onApplicationShutdown(), this.responder?.stop()]);
  }

  private async answer(request: { transferId?: string }): Promise<HandoverReply> {
    const transferId = typeof request.transferId === 'string' ? request.transferId : '';
    const offer = await this.db.selectFrom('handover_offers').selectAll().where('transfer_id', '=', transferId).executeTakeFirst();
    if (!offer) return { error: 'not_available' };
    const revealed = (await this.vault.reveal(this.db, [offer.person_id])).get(offer.person_id);
    if (revealed?.state !== 'readable') return { error: 'not_available' };
    await this.vault.logDisclosure(this.db, `node:${offer.to_node}`, [offer.person_id], 'transfer_handover');
    return { sealed: sealHandover(offer.public_key, transferId, revealed.data) };
  }

  /** Asks the sources for the data of completed incoming transfers. */
  protected async pass(stopping: AbortSignal): Promise<void> {
    const waiting = await this.db
      .selectFrom('handover_keys')
      .selectAll()
      .where('ready', '=', true)
      .where('received_at', 'is', null)
      .orderBy('created_at')
      .limit(BATCH)
      .execute();
    for (const row of waiting) {
      if (stopping.aborted || row.private_key === null) return;
      try {
        const reply = await requestReply<{ transferId: string }, HandoverReply>(this.nats, handoverSubject(row.from_node), { transferId: row.transfer_id }, REQUEST_TIMEOUT_MS);
        if ('error' in reply) throw new Error(reply.error);
        const privateKey = this.vault.unwrapSecret(handoverKeyPurpose(row.transfer_id), row.private_key);
        await this.store(row.transfer_id, row.person_id, openHandover(privateKey, row.transfer_id, reply.sealed));
      } catch (error) {
        await this.db.updateTable('handover_keys').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('transfer_id', '=', row.transfer_id).execute();
        this.logger.warn(`handover of transfer ${row.transfer_id} from ${row.from_node} not done yet: ${(error as Error).message}`);
      }
    }
  }

  private async store(transferId: string, personId: string, data: PersonalData): Promise<void> {
    const { state, version } = await this.commands.load(incomingTransferAggregate, transferId);
    const received = this.commands.decide(incomingTransferAggregate, { type: 'RecordDataReceived' }, state);
    await this.commands.transaction(async (trx) => {
      const created = await this.vault.register(trx, [{ personId, data }]);
      // The same ID number is already someone here: merging two people is an officer's call, so
      // the source keeps its copy and the handover waits (logged, retried, visible in attempts).
      if (!created.has(personId)) throw new Error('the ID number is already known here as another person');
      await trx.updateTable('handover_keys').set({ private_key: null, received_at: this.commands.now() }).where('transfer_id', '=', transferId).execute();
      await this.commands.append(incomingTransferAggregate, transferId, version, received, { actor: 'system' }, trx);
    });
  }
}
