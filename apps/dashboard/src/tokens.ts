/** Injection token of the dashboard's settings (DashboardConfig). */
export const DASHBOARD_CONFIG = Symbol('DASHBOARD_CONFIG');
