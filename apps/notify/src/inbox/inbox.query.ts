import { Kysely, sql } from 'kysely';
import { MESSAGE_KIND_LABELS, shortLinkPath } from '@ws/contracts';
import type { MessageKind, MessageParams } from '@ws/contracts';
import { DomainError } from '@ws/kernel';
import type { NotifyDatabase } from '../db/database';
import { render } from '../templates/templates';

export interface InboxItem {
  messageId: string;
  kind: MessageKind;
  kindLabel: string;
  title: string;
  body: string;
  /** The page concerned, on this node (a route of the worker pages or the console). */
  link: string | null;
  /** The short link the SMS carried. */
  shortLink: string | null;
  createdAt: string;
  read: boolean;
}

export interface InboxPage {
  items: InboxItem[];
  unread: number;
  /** Pass as `after` for the next page; null at the end. */
  next: string | null;
}

function cursorOf(createdAt: Date, messageId: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${messageId}`, 'utf8').toString('base64url');
}

function parseCursor(cursor: string): { createdAt: string; messageId: string } {
  const [createdAt, messageId] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !messageId || Number.isNaN(Date.parse(createdAt))) throw new DomainError('validation_failed', 'after 无效', 'after');
  return { createdAt, messageId };
}

/** Newest first, keyset paged on (created_at, message_id). */
export async function inboxPage(db: Kysely<NotifyDatabase>, keys: string[], after: string | undefined, limit: number): Promise<InboxPage> {
  let query = db.selectFrom('inbox_messages').selectAll().where('recipient_key', 'in', keys);
  if (after) {
    const { createdAt, messageId } = parseCursor(after);
    query = query.where(sql<boolean>`(created_at, message_id) < (${createdAt}::timestamptz, ${messageId}::uuid)`);
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('message_id', 'desc').limit(limit + 1).execute();
  const { unread } = await db.selectFrom('inbox_messages').select((eb) => eb.fn.countAll<number>().as('unread')).where('recipient_key', 'in', keys).where('read_at', 'is', null).executeTakeFirstOrThrow();
  const page = rows.slice(0, limit);
  return {
    items: page.map((row) => {
      const kind = row.kind as MessageKind;
      const rendered = render(kind, row.params as MessageParams);
      return {
        messageId: row.message_id,
        kind,
        kindLabel: MESSAGE_KIND_LABELS[kind],
        title: rendered.title,
        body: rendered.body,
        link: row.link,
        shortLink: row.short_code ? shortLinkPath(row.short_code) : null,
        createdAt: row.created_at.toISOString(),
        read: row.read_at !== null,
      };
    }),
    unread: Number(unread),
    next: rows.length > limit ? cursorOf(page[page.length - 1]!.created_at, page[page.length - 1]!.message_id) : null,
  };
}

/** The messages among `messageIds` that belong to `keys` (marking another's message read is silently nothing). */
export async function ownMessages(db: Kysely<NotifyDatabase>, keys: string[], messageIds: string[]): Promise<string[]> {
  const rows = await db.selectFrom('inbox_messages').select('message_id').where('recipient_key', 'in', keys).where('message_id', 'in', messageIds).execute();
  return rows.map((r) => r.message_id);
}
