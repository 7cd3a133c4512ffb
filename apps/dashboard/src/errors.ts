import { defineErrorTable, errorsOf } from '@ws/kernel';

/** The dashboard's own error codes: all about the node's services it proxies. */
export const DASHBOARD_ERRORS = defineErrorTable({
  upstream_not_configured: 404,
  upstream_unavailable: 502,
  upstream_timeout: 504,
  live_clients_exhausted: 503,
});

/** An error of the dashboard: its code must be one the table above lists. */
export const dashboardError = errorsOf(DASHBOARD_ERRORS);
