import { Injectable } from '@nestjs/common';
import { ownEventPrefix, REJECTION_REASON_LABELS, workerPages } from '@ws/contracts';
import type {
  ApplicationApproved,
  ApplicationInfoRequested,
  ApplicationRejected,
  ApplicationSubmitted,
  EventEnvelope,
  IncomingTransferDataReceived,
  IncomingTransferReceived,
  TransferCompleted,
  TransferRequested,
} from '@ws/contracts';
import { Reaction } from '@ws/platform';
import { IntakeContext, IntakeHandler, IntakeReaction } from './intake';
import { IntakeDeps } from './intake-deps';

type Data<E extends { data: unknown }> = EventEnvelope<string, E['data']>;

async function applicationNumber(ctx: IntakeContext, applicationId: string): Promise<string | undefined> {
  return (await ctx.trx.selectFrom('application_refs').select('application_number').where('application_id', '=', applicationId).executeTakeFirst())?.application_number;
}

/** Applicants hear each decision on their application, by SMS to the mobile they applied with and in their inbox. */
async function tellApplicant(ctx: IntakeContext, applicationId: string, kind: 'application_info_requested' | 'application_approved' | 'application_rejected', params: Record<string, string | null>): Promise<void> {
  const number = await applicationNumber(ctx, applicationId);
  if (!number) return;
  await ctx.tell({
    kind, recipient: { kind: 'applicant', id: applicationId }, sms: true,
    params: { applicationNumber: number, ...params }, link: kind === 'application_approved' ? workerPages.memberCard() : workerPages.application(number),
  });
}

async function rememberTransfer(ctx: IntakeContext, transferId: string, membershipId: string, cardNumber: string): Promise<void> {
  await ctx.trx.insertInto('transfer_refs').values({ transfer_id: transferId, membership_id: membershipId, card_number: cardNumber }).onConflict((oc) => oc.column('transfer_id').doNothing()).execute();
}

async function tellMemberTransferDone(ctx: IntakeContext, transferId: string): Promise<void> {
  const transfer = await ctx.trx.selectFrom('transfer_refs').selectAll().where('transfer_id', '=', transferId).executeTakeFirst();
  if (!transfer) return;
  await ctx.tell({
    kind: 'transfer_completed', recipient: { kind: 'member', id: transfer.membership_id }, sms: true,
    params: { cardNumber: transfer.card_number }, link: workerPages.memberCard(),
  });
}

const HANDLERS: Record<string, IntakeHandler> = {
  ApplicationSubmitted: async (ctx, { data }: Data<ApplicationSubmitted>) => {
    await ctx.trx
      .insertInto('application_refs')
      .values({ application_id: data.applicationId, application_number: data.applicationNumber })
      .onConflict((oc) => oc.column('application_id').doNothing())
      .execute();
    await ctx.tell({
      kind: 'application_received', recipient: { kind: 'applicant', id: data.applicationId }, sms: true,
      params: { applicationNumber: data.applicationNumber }, link: workerPages.application(data.applicationNumber),
    });
  },
  ApplicationInfoRequested: async (ctx, { data }: Data<ApplicationInfoRequested>) => tellApplicant(ctx, data.applicationId, 'application_info_requested', { note: data.note }),
  ApplicationApproved: async (ctx, { data }: Data<ApplicationApproved>) => tellApplicant(ctx, data.applicationId, 'application_approved', { cardNumber: data.cardNumber }),
  ApplicationRejected: async (ctx, { data }: Data<ApplicationRejected>) =>
    tellApplicant(ctx, data.applicationId, 'application_rejected', { reason: REJECTION_REASON_LABELS[data.reason], note: data.note || null }),
  TransferRequested: async (ctx, { data }: Data<TransferRequested>) => rememberTransfer(ctx, data.transferId, data.membershipId, data.cardNumber),
  // Inside the node the member is told when the move is made; across nodes, by the target once their data has arrived there.
  TransferCompleted: async (ctx, { data }: Data<TransferCompleted>) => {
    if (data.toNode === ctx.node.code) await tellMemberTransferDone(ctx, data.transferId);
  },
  IncomingTransferReceived: async (ctx, { data }: Data<IncomingTransferReceived>) => rememberTransfer(ctx, data.transferId, data.member.membershipId, data.member.cardNumber),
  IncomingTransferDataReceived: async (ctx, { data }: Data<IncomingTransferDataReceived>) => tellMemberTransferDone(ctx, data.transferId),
};

/** Notify's reaction to the node's own membership events (入会, 会籍接转). */
@Reaction()
@Injectable()
export class MembershipIntake extends IntakeReaction {
  constructor(deps: IntakeDeps) {
    super(deps, 'notify.intake-membership', `${ownEventPrefix(deps.node)}.membership.>`, HANDLERS);
  }
}
