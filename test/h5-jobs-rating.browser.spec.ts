import type { Browser, BrowserContext } from 'playwright-core';
import { requestOk } from '@ws/platform';
import { eventually } from '@ws/testing';
import type { LaunchedFederation } from '../apps/dashboard/testing/launched-federation';
import { leavingTheMachine, recordRequests } from '../apps/dashboard/testing/page-requests';
import { phoneContext } from '../apps/dashboard/testing/phones';
import { asOfficer, checkPage, demoEmployerSession, H5_NODE as NODE, type JobsSession, postingNearAStation, seekerWhoApplied, startH5Node, stopH5Node } from './h5-pages';

/**
 * 零工之家 on a phone (issue 15, the station and after the work): a station's 扫码打卡 landing
 * lists open postings near it (with the distance from the station, loaded after the card), a tap
 * opens the posting; a seeker the demo employer hired rates the employer (no star → at its field, a
 * mobile in the remark → refused by the service at its field), the employer rates the seeker, and
 * the posting then shows the employer's count and average. Against a node started by npm start's
 * launcher; every page checked with axe-core and saved to docs/screenshots/.
 */
let federation: LaunchedFederation | undefined;
let browser: Browser;
let front: string;

const jobsApi = () => federation!.url(NODE, 'jobs');
/** A call of a seeker's or an employer's phone to the jobs service (their session's token). */
const post = (path: string, body: unknown, token: string) => requestOk(jobsApi(), 'POST', path, { body, token });

/** A phone whose tab already holds a session (what signing in on the page leaves in sessionStorage). */
async function signedInPhone(key: 'ws.jobs.seeker' | 'ws.jobs.employer', session: JobsSession): Promise<BrowserContext> {
  const context = await phoneContext(browser, 'android');
  await context.addInitScript(([k, value]) => sessionStorage.setItem(k!, value!), [key, JSON.stringify({ token: session.token, expiresAt: session.expiresAt })]);
  return context;
}

/** Reloads until the selector shows (the read models trail the commands on a busy machine). */
async function reloadUntil(page: import('playwright-core').Page, selector: string, what: string): Promise<void> {
  await eventually(async () => {
    if (await page.$(selector)) return true;
    await page.reload();
    return (await page.waitForSelector(selector, { timeout: 3_000 }).catch(() => null)) ? true : undefined;
  }, { what: what, timeoutMs: 60_000 });
}

describe('职工端 零工之家: the station lists work nearby; both sides rate after the work, on a phone', () => {
  beforeAll(async () => {
    ({ federation, browser, front } = await startH5Node({ DEMO_VISITS_SCALE: '0.02', DEMO_MEMBERS_SCALE: '0.02', DEMO_WISHES_SCALE: '0.05', DEMO_VOLUNTEERS_SCALE: '0.1' }));
  }, 420_000);

  afterAll(() => stopH5Node(federation, browser));

  it('扫码打卡 landing → 附近的工作 → posting; hired → 评价雇主 → 评价求职者 → the employer’s rating on the posting', async () => {
    // A station of the node with a demo posting near it (the nearest first).
    const { stationId, posting } = await postingNearAStation(front);

    // The station's printed code (as the console prints it), opened on a phone.
    const { url } = (await asOfficer('GET', `${front}/api/stations/stations/${stationId}/code`)) as { url: string };
    const landing = new URL(url);
    const visitor = await phoneContext(browser, 'android');
    const page = await visitor.newPage();
    const requests = recordRequests(page);
    await page.goto(`${front}${landing.pathname}${landing.search}`);
    await page.waitForSelector('[data-page="landing"] [data-checkin]');
    const listed = `[data-station-jobs] [data-posting="${posting.postingId}"]`;
    await page.waitForSelector(listed);
    const shown = await page.$$('[data-station-jobs] [data-posting]');
    expect(shown.length).toBeGreaterThanOrEqual(1);
    expect(shown.length).toBeLessThanOrEqual(5);
    expect(await page.textContent(`${listed} [data-distance]`)).toMatch(/^离本站 \d+(\.\d)? (米|公里)$/);
    expect(await page.textContent(`${listed} [data-pay]`)).toMatch(/元/);
    expect(await page.textContent(`${listed} [data-posting-link]`)).toBe(posting.title);
    // Lazily: the postings are asked for after the station's card, never before it.
    const cardAt = requests.findIndex((u) => u.includes(`/api/stations/stations/${stationId}/landing?`));
    const jobsAt = requests.findIndex((u) => u.includes('/api/jobs/postings/nearby?'));
    expect(cardAt).toBeGreaterThanOrEqual(0);
    expect(jobsAt).toBeGreaterThan(cardAt);
    expect(requests[jobsAt]).toContain(`stationId=${stationId}`);
    await page.locator('[data-station-jobs]').scrollIntoViewIfNeeded();
    await checkPage(page, 'landing-jobs');
    expect(await page.getAttribute('[data-more-jobs]', 'href')).toBe(`/h5/jobs?station=${stationId}`);

    // A tap opens the posting; nobody rated its employer yet.
    await page.click(`${listed} [data-posting-link]`);
    await page.waitForSelector('[data-page="job-posting"] [data-employer-rating]');
    expect(new URL(page.url()).pathname).toBe(`/h5/jobs/postings/${posting.postingId}`);
    const ratedBefore = Number(await page.getAttribute('[data-employer-rating]', 'data-count'));

    // A seeker registers, applies; the demo employer invites, the seeker accepts, the employer hires (their phones, the API).
    const { session: seeker, applicationId } = await seekerWhoApplied(
      front,
      jobsApi(),
      { home: { lng: posting.location.lng + 0.004, lat: posting.location.lat + 0.003 }, streetCode: posting.streetCode, category: posting.category },
      { postingId: posting.postingId },
    );
    const employer = await demoEmployerSession(front, jobsApi(), posting.employerKind);
    await post(`/employers/me/applications/${applicationId}/invite`, {}, employer.token);
    await post(`/seekers/me/applications/${applicationId}/accept`, {}, seeker.token);
    await post(`/employers/me/applications/${applicationId}/hire`, { agreedPayFen: 3000, startDate: '2026-12-08' }, employer.token);

    // 我的申请 → 评价雇主: no star is refused at its field; a mobile in the remark is refused by the service at its field.
    const seekerPhone = await signedInPhone('ws.jobs.seeker', seeker);
    const seekerPage = await seekerPhone.newPage();
    const seekerRequests = recordRequests(seekerPage);
    await seekerPage.goto(`${front}/h5/jobs/applications`);
    const mine = `[data-page="job-applications"] [data-application="${applicationId}"]`;
    await reloadUntil(seekerPage, `${mine}[data-status="hired"] [data-rate]`, 'the hire on 我的申请');
    await seekerPage.click(`${mine} [data-rate]`);
    await seekerPage.click(`${mine} [data-rating-submit]`);
    expect(await seekerPage.textContent(`${mine} [data-field-error="rating"]`)).toBe('请选择 1–5 星');
    await seekerPage.click(`${mine} [data-star="4"]`);
    expect(await seekerPage.getAttribute(`${mine} [data-star="4"]`, 'aria-pressed')).toBe('true');
    expect(await seekerPage.textContent(`${mine} [data-stars-word]`)).toBe('4 星 · 满意');
    await seekerPage.fill(`${mine} [data-rating-comment]`, '有事打 13800001234');
    await seekerPage.click(`${mine} [data-rating-submit]`);
    await seekerPage.waitForSelector(`${mine} [data-field-error="comment"]`);
    expect(await seekerPage.textContent(`${mine} [data-field-error="comment"]`)).toMatch(/手机号/);
    await checkPage(seekerPage, 'jobs-rate');
    await seekerPage.fill(`${mine} [data-rating-comment]`, '按时结算，雇主很客气');
    await seekerPage.click(`${mine} [data-rating-submit]`);
    await seekerPage.waitForSelector(`${mine} [data-my-rating][data-value="4"]`);
    expect(await seekerPage.$(`${mine} [data-rate]`)).toBeNull();
    await checkPage(seekerPage, 'jobs-rated');

    // 申请人 → 评价求职者: the employer's own rating, and what the seeker said of them.
    const employerPhone = await signedInPhone('ws.jobs.employer', employer);
    const employerPage = await employerPhone.newPage();
    const employerRequests = recordRequests(employerPage);
    await employerPage.goto(`${front}/h5/jobs/employer/postings/${posting.postingId}`);
    const applicant = `[data-page="employer-applicants"] [data-applicant="${applicationId}"]`;
    await reloadUntil(employerPage, `${applicant}[data-status="hired"] [data-their-rating][data-value="4"]`, 'the seeker’s rating on 申请人');
    await employerPage.click(`${applicant} [data-rate]`);
    await employerPage.click(`${applicant} [data-star="5"]`);
    await employerPage.locator(`${applicant} [data-rating-form]`).scrollIntoViewIfNeeded();
    await checkPage(employerPage, 'employer-rate');
    await employerPage.click(`${applicant} [data-rating-submit]`);
    await employerPage.waitForSelector(`${applicant} [data-my-rating][data-value="5"]`);
    await checkPage(employerPage, 'employer-rated');

    // Back on 我的申请: what the employer said of the seeker.
    await reloadUntil(seekerPage, `${mine} [data-their-rating][data-value="5"]`, 'the employer’s rating on 我的申请');

    // The posting now shows its employer's count and average (no remark, nobody named).
    await page.goto(`${front}/h5/jobs/postings/${posting.postingId}`);
    await reloadUntil(page, `[data-employer-rating][data-count="${ratedBefore + 1}"]`, 'the employer’s rating on the posting');
    const rating = (await page.textContent('[data-employer-rating]'))!;
    expect(rating).toMatch(/雇主评价 ★*☆* \d\.\d 星 · \d+ 人评价/);
    if (ratedBefore === 0) expect(await page.getAttribute('[data-employer-rating]', 'data-average')).toBe('4');
    expect(rating).not.toMatch(/按时结算|庞/);
    await checkPage(page, 'jobs-posting-rating');

    expect(leavingTheMachine([...requests, ...seekerRequests, ...employerRequests])).toEqual([]);
    await Promise.all([visitor.close(), seekerPhone.close(), employerPhone.close()]);
  }, 300_000);
});
