import { tabSession } from './tab-session';

/** A volunteer's token from dispatch (POST /volunteer-sessions), sent as a bearer token. */
const volunteer = tabSession('ws.volunteer.session', (token) => ({ authorization: `Bearer ${token}` }), '志愿者');

export const volunteerSession = volunteer.current;
export const keepVolunteerSession = volunteer.keep;
export const forgetVolunteerSession = volunteer.forget;
export const asVolunteer = volunteer.call;
