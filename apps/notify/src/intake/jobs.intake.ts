import { Injectable } from '@nestjs/common';
import { DISTANCE_BAND_LABELS, JOB_CATEGORY_LABELS, JOBS_CONTEXT, ownEventPrefix, PAY_MODE_LABELS, workerPages } from '@ws/contracts';
import type { EventEnvelope, JobCategory, PayMode, PostingDrafted, PostingMatched, PostingRevised } from '@ws/contracts';
import { Reaction } from '@ws/platform';
import { IntakeContext, IntakeHandler, IntakeReaction } from './intake';
import { IntakeDeps } from './intake-deps';

type Data<E extends { data: unknown }> = EventEnvelope<string, E['data']>;

const keepPosting = async (ctx: IntakeContext, { data }: Data<PostingDrafted | PostingRevised>) => {
  const ref = { title: data.title, category: data.category, pay_mode: data.payMode, valid_until: data.validUntil };
  await ctx.trx
    .insertInto('posting_refs')
    .values({ posting_id: data.postingId, ...ref })
    .onConflict((oc) => oc.column('posting_id').doUpdateSet(ref))
    .execute();
};

const HANDLERS: Record<string, IntakeHandler> = {
  PostingDrafted: keepPosting,
  PostingRevised: keepPosting,
  // 精准推送: the seeker is told on their channels, with the short link to the posting's page.
  PostingMatched: async (ctx, { data }: Data<PostingMatched>) => {
    const posting = await ctx.trx.selectFrom('posting_refs').selectAll().where('posting_id', '=', data.postingId).executeTakeFirst();
    const validUntil = posting ? new Date(posting.valid_until) : undefined;
    await ctx.tell({
      kind: 'job_matched',
      recipient: { kind: 'seeker', id: data.seekerId },
      sms: true,
      params: {
        postingTitle: posting?.title ?? '',
        categoryLabel: posting ? (JOB_CATEGORY_LABELS[posting.category as JobCategory] ?? '') : '',
        payModeLabel: posting ? (PAY_MODE_LABELS[posting.pay_mode as PayMode] ?? '') : '',
        distanceLabel: DISTANCE_BAND_LABELS[data.distanceBand] ?? '',
      },
      link: workerPages.jobPosting(data.postingId),
      // Not worth sending once the posting has expired.
      ...(validUntil && validUntil.getTime() > ctx.now.getTime() ? { expiresAt: validUntil } : {}),
    });
  },
};

/** Notify's reaction to the node's own jobs events (零工之家): a matched posting is told to the seeker. */
@Reaction()
@Injectable()
export class JobsIntake extends IntakeReaction {
  constructor(deps: IntakeDeps) {
    super(deps, 'notify.intake-jobs', `${ownEventPrefix(deps.node)}.${JOBS_CONTEXT}.>`, HANDLERS);
  }
}
