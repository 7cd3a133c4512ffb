import { Kysely, sql } from 'kysely';
import { MESSAGE_KIND_LABELS, shortLinkPath } from '@ws/contracts';
import type { MessageKind, MessageParams } from '@ws/contracts';
import { isUuid } from '@ws/kernel';
import { decodeCursor, page } from '@ws/platform';
import type { NotifyDatabase } from '../db/database';
import { render } from '../templates/templates';

/** The most messages one inbox page holds. */
export const INBOX_PAGE_MAX = 50;

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

/** Newest first, keyset paged on (created_at, message_id). */
export async function inboxPage(db: Kysely<NotifyDatabase>, keys: string[], after: string | undefined, limit: number): Promise<InboxPage> {
  let query = db.selectFrom('inbox_messages').selectAll().where('recipient_key', 'in', keys);
  const cursor = decodeCursor(after, isUuid);
  if (cursor) query = query.where(sql<boolean>`(created_at, message_id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  const rows = await query.orderBy('created_at', 'desc').orderBy('message_id', 'desc').limit(limit + 1).execute();
  const { unread } = await db.selectFrom('inbox_messages').select((eb) => eb.fn.countAll<number>().as('unread')).where('recipient_key', 'in', keys).where('read_at', 'is', null).executeTakeFirstOrThrow();
  const { items, next } = page(rows, limit, (row) => ({ at: row.created_at.toISOString(), id: row.message_id }));
  return {
    items: items.map((row) => {
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
    next,
  };
}

/** The messages among `messageIds` that belong to `keys` (marking another's message read is silently nothing). */
export async function ownMessages(db: Kysely<NotifyDatabase>, keys: string[], messageIds: string[]): Promise<string[]> {
  const rows = await db.selectFrom('inbox_messages').select('message_id').where('recipient_key', 'in', keys).where('message_id', 'in', messageIds).execute();
  return rows.map((r) => r.message_id);
}
