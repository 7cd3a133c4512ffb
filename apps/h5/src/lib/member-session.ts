import { tabSession } from './tab-session';

/** A member's session (the membership service forgets it after 30 minutes), sent as x-member-session. */
const member = tabSession('ws.member.session', (token) => ({ 'x-member-session': token }), '会员');

export const memberSession = member.current;
export const keepMemberSession = member.keep;
export const forgetMemberSession = member.forget;
export const asMember = member.call;
