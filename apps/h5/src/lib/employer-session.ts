import { tabSession } from './tab-session';

/**
 * An employer's session from 零工之家 (POST /accounts/sessions or /employers, after the mobile
 * code), sent as a bearer token; never passes as a seeker's. Apart from lib/jobs.ts so the router
 * (first bundle) does not carry the labels.
 */
const employer = tabSession('ws.jobs.employer', (token) => ({ authorization: `Bearer ${token}` }), '雇主');

export const employerSession = employer.current;
export const keepEmployerSession = employer.keep;
export const forgetEmployerSession = employer.forget;
export const asEmployer = employer.call;
