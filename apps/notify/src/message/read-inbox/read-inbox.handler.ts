import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import { DB } from '@ws/platform';
import { ChannelChoices } from '../../bindings/choose-channels/channel-choices';
import type { NotifyDatabase } from '../../db/database';
import { inboxPage, ownMessages } from '../../inbox/inbox.query';
import { toProof } from '../../inbox/proof.dto';
import { Proofs } from '../../inbox/proofs';
import { MessageCommands } from '../message-commands';
import type { InboxQueryDto, MarkReadDto } from './read-inbox.dto';

/** The worker's inbox: the proof checked by the owning service, then their messages, or their own ones marked read. */
@Injectable()
export class ReadInboxHandler {
  constructor(
    @Inject(DB) private readonly db: Kysely<NotifyDatabase>,
    private readonly proofs: Proofs,
    private readonly messages: MessageCommands,
    private readonly channels: ChannelChoices,
  ) {}

  async query(dto: InboxQueryDto) {
    const proven = await this.proofs.check(toProof(dto.proof));
    const page = await inboxPage(this.db, proven.keys, dto.after, dto.limit ?? 20);
    return { recipients: proven.recipients, ...page, channels: await this.channels.of(proven) };
  }

  async read(dto: MarkReadDto) {
    const proven = await this.proofs.check(toProof(dto.proof));
    const own = await ownMessages(this.db, proven.keys, dto.messageIds);
    for (const messageId of own) await this.messages.run(messageId, { type: 'MarkRead' }, { meta: { actor: 'recipient' } });
    return { read: own };
  }
}
