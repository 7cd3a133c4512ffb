import { UPSTREAM_APPS, UpstreamApp } from '../dashboard-config';
import { dashboardError } from '../errors';

export function isUpstreamApp(app: string): app is UpstreamApp {
  return (UPSTREAM_APPS as readonly string[]).includes(app);
}

/**
 * The service URL for a request to /api/<app>/<rest>?<query>. The rest of the path is kept
 * as the browser encoded it; a path that climbs out (`..`) is refused rather than normalised.
 */
export function upstreamUrl(base: string, requestUrl: string, app: string): string {
  const prefix = `/api/${app}/`;
  const queryStart = requestUrl.indexOf('?');
  const path = queryStart >= 0 ? requestUrl.slice(0, queryStart) : requestUrl;
  const query = queryStart >= 0 ? requestUrl.slice(queryStart) : '';
  if (!path.startsWith(prefix)) throw dashboardError('route_not_found', `不是 ${prefix} 下的路径`);
  const rest = path.slice(prefix.length);
  const segments = rest.split('/').map((segment) => safeDecode(segment));
  if (segments.some((segment) => segment === '..' || segment === '.' || segment.includes('/') || segment.includes('\\'))) {
    throw dashboardError('validation_failed', '路径无效', 'path');
  }
  return `${base}/${rest}${query}`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw dashboardError('validation_failed', '路径编码无效', 'path');
  }
}
