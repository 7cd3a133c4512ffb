/**
 * Who a message is for, by id only (events never hold an address). Worker-side recipients are
 * known to the service that owns their data, which answers notify's contact look-ups and checks
 * their proofs; officers and station managers are addressed by role and scope and read their
 * in-app inbox with their officer token.
 */
export const WORKER_RECIPIENT_KINDS = ['applicant', 'member', 'wish_author', 'volunteer', 'seeker'] as const;
export type WorkerRecipientKind = (typeof WORKER_RECIPIENT_KINDS)[number];

/**
 * station: the manager of station <stationId>; node_stations: every station manager of node
 * <code>; street: the street officers of street <code>; node: the officers of node <code>
 * (district, city or province officers, by the node's level).
 */
export const OFFICER_RECIPIENT_KINDS = ['station', 'node_stations', 'street', 'node'] as const;
export type OfficerRecipientKind = (typeof OFFICER_RECIPIENT_KINDS)[number];

export const RECIPIENT_KINDS = [...WORKER_RECIPIENT_KINDS, ...OFFICER_RECIPIENT_KINDS] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export interface Recipient {
  kind: RecipientKind;
  /** applicationId, membershipId, wishId, volunteerId, seekerId (零工之家), stationId, street or node code. */
  id: string;
}

/** The service holding a worker recipient's contact (and checking their proofs). */
export type PersonalDataOwnerService = 'membership' | 'wishes' | 'dispatch' | 'jobs';
export const RECIPIENT_OWNERS: Record<WorkerRecipientKind, PersonalDataOwnerService> = {
  applicant: 'membership',
  member: 'membership',
  wish_author: 'wishes',
  volunteer: 'dispatch',
  seeker: 'jobs',
};

export function isWorkerRecipient(recipient: Recipient): recipient is Recipient & { kind: WorkerRecipientKind } {
  return (WORKER_RECIPIENT_KINDS as readonly string[]).includes(recipient.kind);
}

/** `applicant:0196…`: one string per recipient (opt-outs, caps, inbox rows). */
export function recipientKey(recipient: Recipient): string {
  return `${recipient.kind}:${recipient.id}`;
}

export function parseRecipientKey(key: string): Recipient | undefined {
  const at = key.indexOf(':');
  const kind = key.slice(0, at);
  if (at <= 0 || !(RECIPIENT_KINDS as readonly string[]).includes(kind)) return undefined;
  return { kind: kind as RecipientKind, id: key.slice(at + 1) };
}
