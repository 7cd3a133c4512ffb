/**
 * The push services a browser's subscription may point at. notify POSTs to a subscription's
 * endpoint, which the worker's page hands in: without a list, anyone could make the node send
 * requests to any address it can reach (its own LAN included). An entry is an origin
 * (`https://web.push.apple.com`); a host starting with `*.` matches its subdomains.
 */
export const KNOWN_PUSH_SERVICES = [
  'https://fcm.googleapis.com',
  'https://updates.push.services.mozilla.com',
  'https://*.notify.windows.com',
  'https://web.push.apple.com',
] as const;

export function pushEndpointAllowed(endpoint: string, origins: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  return origins.some((origin) => {
    const pattern = /^(https?:)\/\/(\*\.)?([^/:]+)(?::(\d+))?\/?$/.exec(origin.trim());
    if (!pattern) return false;
    const [, protocol, wildcard, host, port = ''] = pattern;
    if (url.protocol !== protocol || url.port !== port) return false;
    return wildcard ? url.hostname.endsWith(`.${host}`) : url.hostname === host;
  });
}
