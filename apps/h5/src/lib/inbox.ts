import { api } from './api';
import { seekerSession } from './jobs-session';
import { myWishes } from './my-wishes';
import { volunteerSession } from './volunteer-session';

/**
 * Who the worker is, for notify's inbox: a proof the owning service checks (a volunteer's token,
 * a wish's author key, a member's card number or an applicant's number, each with the mobile).
 * It travels in the request body only; a mobile typed on the page is kept in memory, never stored.
 */
export type InboxProof =
  | { kind: 'volunteer'; token: string }
  | { kind: 'seeker'; token: string }
  | { kind: 'wish_author'; wishNo: string; authorKey: string }
  | { kind: 'member'; cardNumber: string; mobile: string }
  | { kind: 'applicant'; applicationNumber: string; mobile: string };

export interface InboxIdentity {
  id: string;
  label: string;
  proof: InboxProof;
}

export interface InboxMessage {
  messageId: string;
  kind: string;
  kindLabel: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  read: boolean;
}

export type ExternalChannel = 'sms' | 'wechat' | 'push';

export interface ChannelState {
  channel: ExternalChannel;
  available: boolean;
  bound: boolean;
  off: boolean;
}

export interface InboxPage {
  items: InboxMessage[];
  unread: number;
  next: string | null;
  channels: ChannelState[];
}

/** The identities this phone already holds: a volunteer or a seeker (零工之家) signed in on this tab, the wishes posted from it. */
export function identitiesOnThisPhone(): InboxIdentity[] {
  const found: InboxIdentity[] = [];
  const volunteer = volunteerSession();
  if (volunteer) found.push({ id: 'volunteer', label: '志愿者', proof: { kind: 'volunteer', token: volunteer.token } });
  const seeker = seekerSession();
  if (seeker) found.push({ id: 'seeker', label: '求职者（零工之家）', proof: { kind: 'seeker', token: seeker.token } });
  for (const wish of myWishes()) found.push({ id: `wish:${wish.wishNo}`, label: `心愿 ${wish.wishNo}`, proof: { kind: 'wish_author', wishNo: wish.wishNo, authorKey: wish.authorKey } });
  return found;
}

export const inboxPage = (proof: InboxProof, after?: string) =>
  api<InboxPage>('notify', '/inbox/query', { method: 'POST', json: { proof, limit: 20, ...(after ? { after } : {}) } });

export const markRead = (proof: InboxProof, messageIds: string[]) => api<{ read: string[] }>('notify', '/inbox/read', { method: 'POST', json: { proof, messageIds } });

export const setChannelOff = (proof: InboxProof, channel: ExternalChannel, off: boolean) =>
  api<{ channels: ChannelState[] }>('notify', '/inbox/preferences', { method: 'POST', json: { proof, [`${channel}Off`]: off } });
