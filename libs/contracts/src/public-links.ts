/**
 * Where people reach a node and the links printed on paper. The node web front serves the
 * worker pages under /h5/; a station's code opens its landing page with the node's signature,
 * so a guessed or forged station id is refused (apps/stations, station-link).
 */

/**
 * The node's public origin from WAYSTATION_PUBLIC_HOST: an origin as given (https://gh.example),
 * a host with a port (http added), or a bare host name (http and the front's port added, as
 * deploy/ has always used it); unset, http://127.0.0.1:<front port>.
 */
export function publicOrigin(value: string | undefined, frontPort: number): string {
  const given = value?.trim().replace(/\/+$/, '');
  if (!given) return `http://127.0.0.1:${frontPort}`;
  if (/^https?:\/\//.test(given)) return given;
  if (/:\d+$/.test(given)) return `http://${given}`;
  return frontPort === 80 ? `http://${given}` : `http://${given}:${frontPort}`;
}

/** The worker pages' base path on every node's front. */
export const H5_BASE_PATH = '/h5/';

/** Query parameter of a station link that carries the node's signature. */
export const STATION_LINK_PARAM = 'k';

/** The landing page of a station (扫码打卡), relative to the node's origin. */
export function stationLandingPath(stationId: string, signature: string): string {
  return `${H5_BASE_PATH}s/${stationId}?${STATION_LINK_PARAM}=${signature}`;
}
