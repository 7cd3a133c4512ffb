import type { MessageKind } from './message-kinds';
import type { PersonalDataOwnerService, Recipient, WorkerRecipientKind } from './recipients';

/**
 * Core-NATS request subjects between notify and the services that own people's data, on the
 * node's own nats-server (the leafnode links carry none of them). Personal data travels only in
 * these requests and replies, never in a stream, and is not kept by the side that asked.
 */

/** The owner answers notify with a recipient's SMS address at send time (and logs the read). */
export function contactLookupSubject(node: string, service: string): string {
  return `pii.${node}.${service}.contact`;
}

/** The owner checks a worker's proof (wish number + author key, application number + mobile …). */
export function recipientProofSubject(node: string, service: string): string {
  return `pii.${node}.${service}.recipient`;
}

/** A service asks notify to deliver a verification code by SMS (the mobile only in the request). */
export function verificationCodeSubject(node: string): string {
  return `notify.${node}.codes`;
}

/** Every responder of a service answers in this queue group: one answer per request. */
export const RESPONDER_QUEUE = 'responders';

// ---- contact look-up ----
export interface ContactLookupRequest {
  recipient: { kind: WorkerRecipientKind; id: string };
  /** Only SMS is looked up at the owner (WeChat and push are bound through notify). */
  channel: 'sms';
  /** The message kind: why the contact is read (written in the owner's access log). */
  purpose: MessageKind | 'delivery_check';
  /** The message the address is for. */
  messageId: string;
}

export type ContactLookupReply =
  | { status: 'ok'; address: string }
  /** The person gave the contact without agreeing to be told through it, or has none, or was erased. */
  | { status: 'no_consent' | 'no_contact' | 'erased' | 'unknown_recipient' };

// ---- proofs ----
export type RecipientProof =
  | { kind: 'wish_author'; wishNo: string; authorKey: string }
  | { kind: 'applicant'; applicationNumber: string; mobile: string }
  | { kind: 'member'; cardNumber: string; mobile: string }
  | { kind: 'volunteer'; token: string }
  /** A seeker's session token of the jobs service (零工之家). */
  | { kind: 'seeker'; token: string };
export type RecipientProofKind = RecipientProof['kind'];

export const PROOF_OWNERS: Record<RecipientProofKind, PersonalDataOwnerService> = {
  wish_author: 'wishes',
  applicant: 'membership',
  member: 'membership',
  volunteer: 'dispatch',
  seeker: 'jobs',
};

export type RecipientProofReply =
  /** The recipients the proof speaks for (an approved applicant is also the member). */
  | { status: 'ok'; recipients: Recipient[] }
  | { status: 'refused' };

// ---- verification codes ----
export const CODE_PURPOSES = ['join', 'volunteer_login', 'member_login', 'jobs_register', 'jobs_login', 'jobs_erasure'] as const;
export type CodePurpose = (typeof CODE_PURPOSES)[number];

export const CODE_PURPOSE_LABELS: Record<CodePurpose, string> = {
  join: '入会申请',
  volunteer_login: '志愿者登录',
  member_login: '会员登录',
  jobs_register: '零工之家注册',
  jobs_login: '零工之家登录',
  jobs_erasure: '零工之家注销个人信息',
};

export interface VerificationCodeRequest {
  mobile: string;
  purpose: CodePurpose;
  code: string;
  /** ISO instant: the text says how long the code is good for. */
  expiresAt: string;
  /** One id per issued code: a retried request is sent once. */
  requestId: string;
}

export type VerificationCodeReply = { status: 'sent' } | { status: 'failed'; reason: string };
