/**
 * The worker pages' routes a message links back to: `<public origin>/h5/#/<route>` (hash routes,
 * so any static server of the SPA answers them and the node's front needs no fallback). The h5
 * app implements these routes; notify's short links (`<origin>/s/<code>`) redirect to them.
 * Officers' messages link into the console the same way (`/console/#/…`).
 */
export const WORKER_PAGE_BASE = '/h5/#';
export const CONSOLE_PAGE_BASE = '/console/#';

const segment = (value: string) => encodeURIComponent(value);

export const workerPages = {
  /** The wish's status page by wish number (the author key stays on the phone). */
  wish: (wishNo: string) => `${WORKER_PAGE_BASE}/wishes/${segment(wishNo)}`,
  /** The application's status by number (the mobile is asked on the page). */
  application: (applicationNumber: string) => `${WORKER_PAGE_BASE}/join/status/${segment(applicationNumber)}`,
  /** The member's card. */
  memberCard: () => `${WORKER_PAGE_BASE}/member/card`,
  /** One invitation, with its accept and decline buttons. */
  invitation: (invitationId: string) => `${WORKER_PAGE_BASE}/volunteer/invitations/${segment(invitationId)}`,
  volunteerTasks: () => `${WORKER_PAGE_BASE}/volunteer/tasks`,
  volunteerShifts: () => `${WORKER_PAGE_BASE}/volunteer/shifts`,
  /** A posting's page in the jobs pages (零工之家), with its distance and 导航. */
  jobPosting: (postingId: string) => `${WORKER_PAGE_BASE}/jobs/postings/${segment(postingId)}`,
  /** The person's inbox (站内信). */
  inbox: () => `${WORKER_PAGE_BASE}/inbox`,
} as const;

export const consolePages = {
  wish: (wishId: string) => `${CONSOLE_PAGE_BASE}/wishes/${segment(wishId)}`,
  station: (stationId: string) => `${CONSOLE_PAGE_BASE}/stations/${segment(stationId)}`,
  receivedDirectives: () => `${CONSOLE_PAGE_BASE}/directives/received`,
  directive: (directiveId: string) => `${CONSOLE_PAGE_BASE}/directives/${segment(directiveId)}`,
  overdue: () => `${CONSOLE_PAGE_BASE}/overdue`,
  inbox: () => `${CONSOLE_PAGE_BASE}/inbox`,
} as const;

/** The short link a message carries: `<origin>/s/<code>`, answered by notify with a redirect. */
export function shortLinkPath(code: string): string {
  return `/s/${segment(code)}`;
}
