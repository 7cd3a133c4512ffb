import { Injectable } from '@nestjs/common';
import { consolePages, ownEventPrefix, WISH_CATEGORY_LABELS, workerPages } from '@ws/contracts';
import type {
  EventEnvelope,
  MessageKind,
  MessageParams,
  WishAccepted,
  WishCompleted,
  WishDeclined,
  WishEscalated,
  WishMerged,
  WishPostedData,
  WishReopened,
  WishStatus,
} from '@ws/contracts';
import { Reaction } from '@ws/platform';
import { IntakeContext, IntakeHandler, IntakeReaction } from './intake';
import { IntakeDeps } from './intake-deps';

type Data<E extends { data: unknown }> = EventEnvelope<string, E['data']>;
const OPEN_STATUSES: readonly WishStatus[] = ['submitted', 'accepted', 'dispatched', 'in_progress'];

/** The author of a wish hears each change of status on the wish's page, and by SMS if they left a mobile. */
async function tellAuthor(ctx: IntakeContext, wishId: string, kind: MessageKind, params: MessageParams = {}): Promise<void> {
  const wish = await ctx.trx.selectFrom('wish_refs').select(['wish_no', 'has_contact']).where('wish_id', '=', wishId).executeTakeFirst();
  if (!wish) return; // posted before notify ran here: nobody to link to
  await ctx.tell({ kind, recipient: { kind: 'wish_author', id: wishId }, params: { wishNo: wish.wish_no, ...params }, link: workerPages.wish(wish.wish_no), sms: wish.has_contact });
}

async function setStatus(ctx: IntakeContext, wishId: string, status: WishStatus, deadline?: string): Promise<void> {
  await ctx.trx
    .updateTable('wish_refs')
    .set({ status, open: OPEN_STATUSES.includes(status), ...(deadline ? { deadline } : {}) })
    .where('wish_id', '=', wishId)
    .execute();
}

const posted: IntakeHandler = async (ctx, envelope: EventEnvelope<string, WishPostedData>) => {
  const wish = envelope.data;
  await ctx.trx
    .insertInto('wish_refs')
    .values({
      wish_id: wish.wishId, wish_no: wish.wishNo, station_id: wish.stationId, street_code: wish.streetCode,
      has_contact: wish.contactRef !== null, status: 'submitted', open: true, moderate_by: wish.moderateBy, deadline: null,
    })
    .onConflict((oc) => oc.column('wish_id').doNothing())
    .execute();
  const station = await ctx.trx.selectFrom('station_refs').select('name').where('station_id', '=', wish.stationId).executeTakeFirst();
  await ctx.tell({
    kind: 'station_new_wish', recipient: { kind: 'station', id: wish.stationId }, sms: false,
    params: { stationName: station?.name ?? null, wishNo: wish.wishNo, categoryLabel: WISH_CATEGORY_LABELS[wish.category] },
    link: consolePages.wish(wish.wishId),
  });
};

const HANDLERS: Record<string, IntakeHandler> = {
  WishPosted: posted,
  SuggestionPosted: posted,
  WishAccepted: async (ctx, { data }: Data<WishAccepted>) => {
    await setStatus(ctx, data.wishId, 'accepted', data.deadline);
    await tellAuthor(ctx, data.wishId, 'wish_accepted');
  },
  WishDeclined: async (ctx, { data }: Data<WishDeclined>) => {
    await setStatus(ctx, data.wishId, 'declined');
    await tellAuthor(ctx, data.wishId, 'wish_declined', { reason: data.reason });
  },
  WishMerged: async (ctx, { data }: Data<WishMerged>) => {
    await setStatus(ctx, data.wishId, 'closed');
    const into = await ctx.trx.selectFrom('wish_refs').select('wish_no').where('wish_id', '=', data.intoWishId).executeTakeFirst();
    await tellAuthor(ctx, data.wishId, 'wish_merged', { intoWishNo: into?.wish_no ?? null });
  },
  WishDispatched: async (ctx, { data }: EventEnvelope<string, { wishId: string }>) => {
    await setStatus(ctx, data.wishId, 'dispatched');
    await tellAuthor(ctx, data.wishId, 'wish_dispatched');
  },
  WishReturned: async (ctx, { data }: EventEnvelope<string, { wishId: string }>) => setStatus(ctx, data.wishId, 'accepted'),
  WishInProgress: async (ctx, { data }: EventEnvelope<string, { wishId: string }>) => {
    await setStatus(ctx, data.wishId, 'in_progress');
    await tellAuthor(ctx, data.wishId, 'wish_in_progress');
  },
  WishCompleted: async (ctx, { data }: Data<WishCompleted>) => {
    await setStatus(ctx, data.wishId, 'completed');
    await tellAuthor(ctx, data.wishId, 'wish_completed', { answer: data.answer, confirmBy: data.confirmBy });
  },
  WishReopened: async (ctx, { data }: Data<WishReopened>) => {
    await setStatus(ctx, data.wishId, data.taskId ? 'dispatched' : 'accepted', data.deadline);
    await tellAuthor(ctx, data.wishId, 'wish_reopened', { reason: data.reason, deadline: data.deadline });
  },
  WishClosed: async (ctx, { data }: EventEnvelope<string, { wishId: string }>) => setStatus(ctx, data.wishId, 'closed'),
  WishEscalated: async (ctx, { data }: Data<WishEscalated>) => {
    if (data.reason === 'overdue') await tellAuthor(ctx, data.wishId, 'wish_escalated', { deadline: data.deadline });
  },
};

/** Notify's reaction to the node's own wishes events (心愿墙). */
@Reaction()
@Injectable()
export class WishesIntake extends IntakeReaction {
  constructor(deps: IntakeDeps) {
    super(deps, 'notify.intake-wishes', `${ownEventPrefix(deps.node)}.wishes.>`, HANDLERS);
  }
}

