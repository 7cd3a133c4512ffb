import type { Browser } from 'playwright-core';
import { creditCodeCheckCharacter } from '@ws/contracts';
import { requestOk } from '@ws/platform';
import { eventually } from '@ws/testing';
import type { LaunchedFederation } from '../apps/dashboard/testing/launched-federation';
import { leavingTheMachine, recordRequests } from '../apps/dashboard/testing/page-requests';
import { phoneContext } from '../apps/dashboard/testing/phones';
import { asOfficer, checkPage, codeFromMessageBox, getJson, H5_NODE as NODE, lastMessageSeq, seekerWhoApplied, startH5Node, stopH5Node } from './h5-pages';

/**
 * 零工之家 on a phone (issue 15, employers): the jobs page lists the demo's fair to come; a company registers with its 统一社会信用代码 (a wrong
 * check character refused at the field) and a mobile code, and asks for 审核; posts a job (each
 * field's error at the field, a pay range upside down refused); the union approves both; a seeker
 * applies; the employer sees the applicant masked, invites (now named), and after the seeker
 * accepts, 签约 with the agreed pay and first day. Against a node started by npm start's launcher;
 * every page checked with axe-core and saved to docs/screenshots/.
 */
let federation: LaunchedFederation | undefined;
let browser: Browser;
let front: string;

const jobs = (path: string) => `${federation!.url(NODE, 'jobs')}${path}`;

describe('职工端 零工之家: an employer registers, posts, and hires, on a phone', () => {
  beforeAll(async () => {
    ({ federation, browser, front } = await startH5Node({ DEMO_VISITS_SCALE: '0.02', DEMO_MEMBERS_SCALE: '0.02', DEMO_WISHES_SCALE: '0.05', DEMO_VOLUNTEERS_SCALE: '0.1' }));
  }, 420_000);

  afterAll(() => stopH5Node(federation, browser));

  it('register (credit code checked) → 审核 → post (errors at fields) → approved → applicant masked → invite → 签约', async () => {
    const street = ((await getJson(`${front}/api/stations/streets`)).items as Array<{ code: string; name: string; center: { lng: number; lat: number } }>)[0]!;
    const context = await phoneContext(browser, 'android', { geolocation: { longitude: street.center.lng, latitude: street.center.lat }, permissions: ['geolocation'] });
    const page = await context.newPage();
    const requests = recordRequests(page);

    // 零工之家's page lists the fairs to come (the demo's, at the station or online); an employer goes on from there.
    await page.goto(`${front}/h5/jobs`);
    const demoFair = /零工之家(驿站招聘会|直播带岗)[\s\S]*4 个岗位参会/;
    await eventually(async () => {
      if (demoFair.test((await page.textContent('body')) ?? '')) return true;
      await page.reload();
      await page.waitForSelector('[data-fairs] [data-fair]', { timeout: 3_000 }).catch(() => null);
      return undefined;
    }, { what: 'the demo fair listed with its postings', timeoutMs: 60_000 });
    await page.locator('[data-fairs]').scrollIntoViewIfNeeded();
    await checkPage(page, 'jobs-fairs');

    // The employers' pages ask for a session first, then come back.
    await page.click('[data-employer-link]');
    await page.waitForSelector('[data-page="employer-sign-in"]');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/jobs/employer');

    // 注册招工: each field's error first; a credit code with a wrong check character is refused at its field.
    await page.click('[data-mode="register"]');
    await page.click('[data-employer-submit]');
    expect(await page.textContent('[data-field-error="name"]')).toBe('请填写单位名称');
    expect(await page.textContent('[data-field-error="creditCode"]')).toBe('请填写统一社会信用代码');
    expect(await page.textContent('[data-field-error="street"]')).toBe('请选择招工所在的街道');
    expect(await page.textContent('[data-field-error="mobile"]')).toBe('请填写手机号');
    const name = `衢州测试家政服务有限公司${Date.now().toString(36).slice(-4)}`;
    const first17 = `91330802MA2${String(Date.now()).slice(-6)}`;
    const check = creditCodeCheckCharacter(first17);
    const mobile = `136${String(Date.now()).slice(-8)}`;
    await page.fill('#employer-name', name);
    await page.fill('#employer-credit-code', `${first17}${check === '0' ? '1' : '0'}`);
    await page.selectOption('#employer-street', street.code);
    await page.fill('#employer-mobile', mobile);
    await page.click('[data-employer-submit]');
    expect(await page.textContent('[data-field-error="creditCode"]')).toMatch(/校验位/);
    await page.fill('#employer-credit-code', `${first17}${check}`);
    const before = await lastMessageSeq(front);
    await page.click('[data-send-code]');
    await page.waitForSelector('text=验证码已发送');
    await checkPage(page, 'employer-register');
    await page.fill('#employer-code', (await codeFromMessageBox(front, mobile, before)).code);
    await page.click('[data-employer-submit]');

    // 我的招工: registered and in review.
    await page.waitForSelector('[data-employer-status][data-status="in_review"]');
    expect(new URL(page.url()).pathname).toBe('/h5/jobs/employer');
    await checkPage(page, 'employer-home');
    const token = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('ws.jobs.employer')!) as { token: string }).token);
    const { employerId } = await (await fetch(jobs('/employers/me'), { headers: { authorization: `Bearer ${token}` } })).json();

    // 发布招工: the fields' errors, a pay range upside down, then a posting sent for review.
    await page.click('[data-new-posting]');
    await page.waitForSelector('[data-page="employer-post"]');
    await page.click('[data-post-submit]');
    expect(await page.textContent('[data-field-error="title"]')).toMatch(/请填写标题/);
    expect(await page.textContent('[data-field-error="category"]')).toBe('请选择工种');
    expect(await page.textContent('[data-field-error="payMode"]')).toBe('请选择结算方式');
    expect(await page.textContent('[data-field-error="pay"]')).toBe('请填写工资范围（元）');
    expect(await page.textContent('[data-field-error="streetCode"]')).toBe('请选择工作所在的街道');
    await page.fill('#post-title', '家政保洁（日结）');
    await page.click('[data-category="cleaning"]');
    await page.click('[data-pay-mode="daily"]');
    await page.fill('#post-pay-min', '220');
    await page.fill('#post-pay-max', '180');
    await page.fill('#post-headcount', '2');
    await page.selectOption('#post-street', street.code);
    await page.click('[data-locate-place]');
    await page.waitForSelector('text=已取得当前位置');
    await page.fill('#post-address', '府山街道测试路 8 号');
    await page.fill('#post-description', '小区公共区域保洁，早上 7 点到下午 4 点');
    await page.click('[data-post-submit]');
    expect(await page.textContent('[data-field-error="pay"]')).toBe('最低工资不能高于最高工资');
    await page.fill('#post-pay-min', '180');
    await page.fill('#post-pay-max', '220');
    await checkPage(page, 'employer-post');
    await page.click('[data-post-submit]');
    await page.waitForURL(/\/h5\/jobs\/employer\?posted=/);
    const postingId = new URL(page.url()).searchParams.get('posted')!;
    const listed = `[data-page="employer-postings"] [data-posting="${postingId}"]`;
    await eventually(async () => {
      if (await page.$(`${listed}[data-status="in_review"]`)) return true;
      await page.reload();
      return (await page.waitForSelector(`${listed}[data-status="in_review"]`, { timeout: 3_000 }).catch(() => null)) ? true : undefined;
    }, { what: 'the posting listed in review', timeoutMs: 60_000 });

    // The union approves the employer, then the posting (as the console would).
    await asOfficer('POST', jobs(`/employers/${employerId}/approve`));
    await eventually(async () => ((await asOfficer('GET', jobs(`/employers/${employerId}`))).status === 'approved' ? true : undefined), { what: 'the employer approved', timeoutMs: 60_000 });
    await asOfficer('POST', jobs(`/postings/${postingId}/approve`));

    // A seeker registers and applies (their own phone, through the API).
    const { mobile: seekerMobile, session: seeker, applicationId } = await seekerWhoApplied(
      front,
      federation!.url(NODE, 'jobs'),
      { home: street.center, streetCode: street.code, category: 'cleaning' },
      { postingId, note: '做过两年小区保洁' },
    );

    // 看申请人: masked until invited.
    await page.reload();
    await page.waitForSelector(`${listed}[data-status="open"] [data-applicants-link]`, { timeout: 60_000 });
    await page.click(`${listed} [data-applicants-link]`);
    const applicant = `[data-page="employer-applicants"] [data-applicant="${applicationId}"]`;
    await eventually(async () => {
      if (await page.$(applicant)) return true;
      await page.reload();
      return (await page.waitForSelector(applicant, { timeout: 3_000 }).catch(() => null)) ? true : undefined;
    }, { what: 'the applicant listed', timeoutMs: 120_000 }); // the jobs read model, on a machine running the whole suite beside it
    expect(await page.textContent(`${applicant} [data-applicant-name]`)).toBe('庞**');
    expect(await page.textContent(`${applicant} [data-applicant-mobile]`)).toBe(`${seekerMobile.slice(0, 3)}****${seekerMobile.slice(-4)}`);
    await checkPage(page, 'employer-applicants');
    await page.fill(`#invite-${applicationId}`, '明天上午九点到小区物业面谈');
    await page.click(`${applicant} [data-invite]`);
    await page.waitForSelector(`${applicant}[data-status="invited"]`, { timeout: 60_000 });
    expect(await page.textContent(`${applicant} [data-applicant-name]`)).toBe('庞秀兰');
    expect(await page.textContent(`${applicant} [data-applicant-mobile]`)).toBe(seekerMobile);

    // The seeker accepts; the employer 签约 (the pay missing first: at its field).
    await requestOk(federation!.url(NODE, 'jobs'), 'POST', `/seekers/me/applications/${applicationId}/accept`, { token: seeker.token });
    await eventually(async () => {
      await page.reload();
      return (await page.waitForSelector(`${applicant}[data-status="accepted"]`, { timeout: 3_000 }).catch(() => null)) ? true : undefined;
    }, { what: 'the invitation accepted', timeoutMs: 60_000 });
    await page.click(`${applicant} [data-hire]`);
    expect(await page.textContent(`${applicant} [data-field-error="agreedPayFen"]`)).toBe('请填写约定工资（元）');
    await page.fill(`#pay-${applicationId}`, '200');
    await checkPage(page, 'employer-hire');
    await page.click(`${applicant} [data-hire]`);
    await page.waitForSelector(`${applicant}[data-status="hired"] [data-hired]`, { timeout: 60_000 });
    await checkPage(page, 'employer-hired');

    expect(leavingTheMachine(requests)).toEqual([]);
    await context.close();
  }, 300_000);
});
