import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { announceTestKey, officerToken } from '@ws/testing/officer-tokens';
import { eventually } from '@ws/testing';
import { seriousAxeViolations } from '../apps/dashboard/testing/axe';
import { launchChromium } from '../apps/dashboard/testing/chromium';
import { pageAtRest } from '../apps/dashboard/testing/page-at-rest';
import { type LaunchedFederation, launchFederation } from '../apps/dashboard/testing/launched-federation';

/** What the worker pages' browser specs share: the node they run, the officer who moves things on, the page checks. */
export const H5_NODE = '330802';
const SCREENSHOTS = join(__dirname, '..', 'docs', 'screenshots');

/** 柯城 alone by npm start's launcher (small demo data, the test officers' key announced) and a Chromium to drive. */
export async function startH5Node(demo: Record<string, string>): Promise<{ federation: LaunchedFederation; browser: Browser; front: string }> {
  const browser = await launchChromium();
  const federation = await launchFederation(demo, 'district');
  // The wish → dispatch loop answers every invitation of the district: a journey's own
  // volunteer, invited while it plays, would be served by the loop as well.
  await federation.waitForDemo(180_000);
  await announceTestKey(federation.natsUrl(H5_NODE), H5_NODE, federation.natsCaFile);
  return { federation, browser, front: federation.url(H5_NODE, 'dashboard') };
}

export async function stopH5Node(federation: LaunchedFederation | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  if (federation) {
    await federation.interrupt(30_000).catch(() => undefined);
    await federation.remove();
  }
}

export async function getJson(url: string): Promise<any> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} → ${response.status}: ${await response.text()}`);
  return response.json();
}

/** A district officer of the node calling a service directly (what the console would do); startH5Node announced its key. */
export async function asOfficer(method: string, url: string, body?: unknown): Promise<any> {
  const token = await officerToken(H5_NODE, { subject: 'h5-test-officer', role: 'district_officer' });
  const response = await fetch(url, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  if (!response.ok) throw new Error(`${method} ${url} → ${response.status}: ${await response.text()}`);
  return response.json();
}

/** The page checked by axe (no serious or critical violation) and saved as a phone screenshot. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await pageAtRest(page);
  expect({ page: name, violations: await seriousAxeViolations(page) }).toEqual({ page: name, violations: [] });
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `h5-${name}.png`) });
}

/** The latest SMS code sent to the mobile, read from the node's development message box (as a developer would). */
export async function codeFromMessageBox(front: string, mobile: string, after = 0): Promise<{ code: string; seq: number }> {
  return eventually(async () => {
    const box = (await getJson(`${front}/messages/box.json`)) as { items: Array<{ seq: number; to: string; text: string }> };
    const entry = box.items.filter((e) => e.seq > after && e.to.endsWith(mobile.slice(-4)) && /\b\d{6}\b/.test(e.text)).sort((a, b) => b.seq - a.seq)[0];
    return entry && { code: /\b(\d{6})\b/.exec(entry.text)![1]!, seq: entry.seq };
  }, { what: `an SMS code for …${mobile.slice(-4)} in the message box` });
}

/** A mainland mobile and an ID number (valid check digit) nobody else in the run has. */
export function newPerson(idNumberCheckCode: (first17: string) => string): { mobile: string; idNumber: string } {
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
  const first17 = `330802${1970 + Math.floor(Math.random() * 30)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}${digits(3)}`;
  return { mobile: `139${digits(8)}`, idNumber: `${first17}${idNumberCheckCode(first17)}` };
}
