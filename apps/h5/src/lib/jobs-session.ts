import { tabSession } from './tab-session';

/**
 * A seeker's session from 零工之家 (POST /accounts/sessions or /seekers, after the mobile code),
 * sent as a bearer token. Apart from lib/jobs.ts so the router (first bundle) does not carry the labels.
 */
const seeker = tabSession('ws.jobs.seeker', (token) => ({ authorization: `Bearer ${token}` }), '求职者');

export const seekerSession = seeker.current;
export const keepSeekerSession = seeker.keep;
export const forgetSeekerSession = seeker.forget;
export const asSeeker = seeker.call;
