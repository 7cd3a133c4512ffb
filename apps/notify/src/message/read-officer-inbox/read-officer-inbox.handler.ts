import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import { recipientKey } from '@ws/contracts';
import type { Recipient } from '@ws/contracts';
import type { Principal } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { NotifyDatabase } from '../../db/database';
import { inboxPage, ownMessages } from '../../inbox/inbox.query';
import { MessageCommands } from '../message-commands';
import type { OfficerInboxQueryDto, OfficerReadDto } from './read-officer-inbox.dto';

/** What an officer's token addresses: their station, their street, their node. */
export function officerRecipients(principal: Principal): Recipient[] {
  switch (principal.role) {
    case 'station_manager':
      return [...(principal.station ? [{ kind: 'station' as const, id: principal.station }] : []), { kind: 'node_stations', id: principal.node }];
    case 'street_officer':
      return principal.street ? [{ kind: 'street', id: principal.street }] : [];
    case 'district_officer':
    case 'city_officer':
    case 'province_officer':
      return [{ kind: 'node', id: principal.node }];
    case 'ops_admin':
      return []; // runs the node's machinery; the union's messages are not addressed to them
  }
}

/** An officer's inbox: the messages addressed to what their token names, and their own ones marked read. */
@Injectable()
export class ReadOfficerInboxHandler {
  constructor(
    @Inject(DB) private readonly db: Kysely<NotifyDatabase>,
    private readonly messages: MessageCommands,
  ) {}

  list(query: OfficerInboxQueryDto, principal: Principal) {
    const keys = officerRecipients(principal).map(recipientKey);
    if (keys.length === 0) return { items: [], unread: 0, next: null };
    return inboxPage(this.db, keys, query.after, query.limit ?? 20);
  }

  async read(dto: OfficerReadDto, principal: Principal) {
    const keys = officerRecipients(principal).map(recipientKey);
    const own = keys.length === 0 ? [] : await ownMessages(this.db, keys, dto.messageIds);
    for (const messageId of own) await this.messages.run(messageId, { type: 'MarkRead' }, { meta: { actor: principal.subject } });
    return { read: own };
  }
}
