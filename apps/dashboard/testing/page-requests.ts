import type { Page } from 'playwright-core';

/** Every URL the page asks for, from now on. */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

/** The requests that would leave the machine (the page must work on a LAN without the internet). */
export function leavingTheMachine(urls: string[]): string[] {
  return urls.filter((url) => {
    const { protocol, hostname } = new URL(url);
    // A blob: URL names the page's own origin (a file the page fetched and hands to the browser).
    if (protocol === 'blob:') return new URL(url.slice('blob:'.length)).hostname !== '127.0.0.1';
    return protocol !== 'data:' && hostname !== '127.0.0.1';
  });
}
