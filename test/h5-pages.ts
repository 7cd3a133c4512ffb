import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { idNumberCheckCode } from '@ws/contracts';
import { requestJson, requestOk } from '@ws/platform';
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

/** The newest entry's seq in the node's development message box: a code asked for later comes after it (codeFromMessageBox's `after`). */
export async function lastMessageSeq(front: string): Promise<number> {
  return (await getJson(`${front}/messages/box.json`)).items.reduce((max: number, e: { seq: number }) => Math.max(max, e.seq), 0);
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

/** A posting as GET /postings/nearby lists it. */
export interface NearbyPosting {
  postingId: string;
  title: string;
  category: string;
  employerKind: 'company' | 'person';
  streetCode: string;
  distanceKm: number;
  location: { lng: number; lat: number };
}

/** A station of the node with a demo posting near it, and that posting (the nearest first): the demo builds its postings around stations. */
export async function postingNearAStation(front: string): Promise<{ stationId: string; posting: NearbyPosting }> {
  const streets = (await getJson(`${front}/api/stations/streets`)).items as Array<{ center: { lng: number; lat: number } }>;
  return eventually(async () => {
    for (const street of streets) {
      const near = (await getJson(`${front}/api/stations/nearest?lng=${street.center.lng}&lat=${street.center.lat}&k=20&maxKm=30`)) as Array<{ id: string }>;
      for (const station of near) {
        const { status, body } = await requestJson(front, 'GET', `/api/jobs/postings/nearby?stationId=${station.id}&limit=1`);
        if (status === 200 && body.items[0]) return { stationId: station.id, posting: body.items[0] as NearbyPosting };
      }
    }
    return undefined;
  }, { what: 'a demo posting near a station', timeoutMs: 90_000 });
}

/** A seeker's or an employer's session as the jobs service answers it. */
export interface JobsSession {
  token: string;
  expiresAt: string;
}

/** The demo employer's session, as its own phone would get it (mobile + the code in the message box); `jobs` is the jobs service's address. */
export async function demoEmployerSession(front: string, jobs: string, kind: 'company' | 'person'): Promise<JobsSession> {
  const mobile = `1390${H5_NODE.slice(-4)}${kind === 'company' ? '101' : '102'}`;
  const before = await lastMessageSeq(front);
  await requestOk(jobs, 'POST', '/accounts/codes', { body: { mobile, purpose: 'login', account: 'employer' } });
  const { code } = await codeFromMessageBox(front, mobile, before);
  return requestOk(jobs, 'POST', '/accounts/sessions', { body: { mobile, code, account: 'employer' } });
}

/**
 * A new seeker (庞秀兰) registered through the jobs API with the code from the message box, as
 * their own phone would, living at `home`; then applied to the posting once it takes applications
 * (approved and on the board). Their mobile, the session and the application.
 */
export async function seekerWhoApplied(
  front: string,
  jobs: string,
  seeker: { home: { lng: number; lat: number }; streetCode: string; category: string },
  application: { postingId: string; note?: string },
): Promise<{ mobile: string; session: JobsSession; applicationId: string }> {
  const person = newPerson(idNumberCheckCode);
  const before = await lastMessageSeq(front);
  await requestOk(jobs, 'POST', '/accounts/codes', { body: { mobile: person.mobile, purpose: 'register', account: 'seeker' } });
  const session: JobsSession = await requestOk(jobs, 'POST', '/seekers', {
    body: {
      name: '庞秀兰',
      idNumber: person.idNumber,
      mobile: person.mobile,
      code: (await codeFromMessageBox(front, person.mobile, before)).code,
      home: seeker.home,
      preferences: { categories: [seeker.category], skills: [], payModes: [], homeStreetCode: seeker.streetCode, travelRadiusKm: 5, availability: [1, 2, 3, 4, 5].map((day) => ({ day, from: '06:00', to: '18:00' })) },
    },
  });
  const { applicationId } = await eventually(async () => {
    const { status, body } = await requestJson(jobs, 'POST', `/postings/${application.postingId}/applications`, { token: session.token, body: application.note ? { note: application.note } : {} });
    return status === 201 ? (body as { applicationId: string }) : undefined;
  }, { what: 'the seeker applied', timeoutMs: 60_000 });
  return { mobile: person.mobile, session, applicationId };
}
