import type { Browser } from 'playwright-core';
import { idNumberCheckCode } from '@ws/contracts';
import { eventually } from '@ws/testing';
import type { LaunchedFederation } from '../apps/dashboard/testing/launched-federation';
import { leavingTheMachine, recordRequests } from '../apps/dashboard/testing/page-requests';
import { phoneContext } from '../apps/dashboard/testing/phones';
import { checkPage, codeFromMessageBox, demoEmployerSession, H5_NODE as NODE, lastMessageSeq, newPerson, postingNearAStation, startH5Node, stopH5Node } from './h5-pages';

/**
 * 零工之家 on a phone (issue 15, seekers): the demo's postings near the district's station; a
 * worker registers as a seeker with the SMS code from the development message box and their
 * phone's location as home, sees the same posting near home with its distance and 导航, applies,
 * sees the application listed; the employer invites and the seeker accepts; at last the seeker
 * erases their personal data on 我的 (注销个人信息) and is signed out. Against a node
 * started by npm start's launcher; every page checked with axe-core and saved to docs/screenshots/.
 */
let federation: LaunchedFederation | undefined;
let browser: Browser;
let front: string;

const jobs = (path: string) => `${federation!.url(NODE, 'jobs')}${path}`;

describe('职工端 零工之家: a seeker finds work near home and applies, on a phone', () => {
  beforeAll(async () => {
    ({ federation, browser, front } = await startH5Node({ DEMO_VISITS_SCALE: '0.02', DEMO_MEMBERS_SCALE: '0.02', DEMO_WISHES_SCALE: '0.05', DEMO_VOLUNTEERS_SCALE: '0.1' }));
  }, 420_000);

  afterAll(() => stopH5Node(federation, browser));

  it('near the station → register by SMS code → near home → 申请 → 我的申请 → invited → accept → 注销个人信息', async () => {
    // The station the demo built its postings around: a station of the node with a demo posting within 5 km.
    const { stationId, posting } = await postingNearAStation(front);

    const home = { longitude: posting.location.lng + 0.004, latitude: posting.location.lat + 0.003 };
    const context = await phoneContext(browser, 'android', { geolocation: home, permissions: ['geolocation'] });
    const page = await context.newPage();
    const requests = recordRequests(page);

    // The 零工之家 point's link: the station's nearby postings, with distance, pay, pay mode and 导航.
    await page.goto(`${front}/h5/jobs?station=${stationId}`);
    const listed = `[data-page="jobs-near"] [data-posting="${posting.postingId}"]`;
    await page.waitForSelector(listed);
    expect(await page.textContent(`${listed} [data-distance]`)).toMatch(/^\d+(\.\d)? (米|公里)$/);
    expect(await page.textContent(`${listed} [data-pay]`)).toMatch(/元\//);
    expect(await page.textContent(`${listed} [data-pay-mode]`)).toMatch(/^(日结|周结|月结|项目制)$/);
    expect(await page.getAttribute(`${listed} [data-nav="amap"]`, 'href')).toMatch(/^https:\/\/uri\.amap\.com\/navigation\?to=/);
    await checkPage(page, 'jobs-near-station');
    // The category filter: another kind of work leaves this posting out.
    const other = posting.category === 'moving' ? 'caregiving' : 'moving';
    await page.click(`[data-category="${other}"]`);
    await page.waitForFunction((selector) => !document.querySelector(selector), listed);
    await page.click(`[data-category="${posting.category}"]`);
    await page.waitForSelector(listed);

    // 申请 without a session asks to sign in first, then comes back to the posting.
    await page.click(`${listed} [data-posting-link]`);
    await page.waitForSelector('[data-page="job-posting"]');
    await page.click('[data-apply]');
    await page.waitForSelector('[data-page="jobs-sign-in"]');
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/jobs/postings/${posting.postingId}`);

    // 实名注册: each field's error first, then name, ID number, mobile + code, street, home here, work wanted.
    await page.click('[data-mode="register"]');
    await page.click('[data-jobs-submit]');
    expect(await page.textContent('[data-field-error="name"]')).toBe('请填写姓名');
    expect(await page.textContent('[data-field-error="idNumber"]')).toBe('请填写身份证号');
    expect(await page.textContent('[data-field-error="mobile"]')).toBe('请填写手机号');
    expect(await page.textContent('[data-field-error="street"]')).toBe('请选择家所在的街道');
    expect(await page.textContent('[data-field-error="categories"]')).toBe('请至少选一个想找的工种');
    const person = newPerson(idNumberCheckCode);
    await page.fill('#seeker-name', '庞阿姨');
    await page.fill('#seeker-id', `${person.idNumber.slice(0, 17)}${person.idNumber[17] === '0' ? '1' : '0'}`);
    await page.fill('#seeker-mobile', person.mobile);
    await page.selectOption('#seeker-street', posting.streetCode);
    await page.click(`[data-want="${posting.category}"]`);
    await page.click('[data-jobs-submit]');
    expect(await page.textContent('[data-field-error="idNumber"]')).toMatch(/校验/);
    await page.fill('#seeker-id', person.idNumber);
    await page.click('[data-locate-home]');
    await page.waitForSelector('text=已取得当前位置');
    const before = await lastMessageSeq(front);
    await page.click('[data-send-code]');
    await page.waitForSelector('text=验证码已发送');
    await checkPage(page, 'jobs-register');
    const { code } = await codeFromMessageBox(front, person.mobile, before);
    await page.fill('#seeker-code', code);
    await page.click('[data-jobs-submit]');

    // Back at the posting, signed in: 申请.
    await page.waitForSelector('[data-page="job-posting"] [data-apply]');
    expect(new URL(page.url()).pathname).toBe(`/h5/jobs/postings/${posting.postingId}`);
    await checkPage(page, 'jobs-posting');
    await page.fill('#apply-note', '做过三年家政，周一到周五都有空');
    await page.click('[data-apply]');
    await page.waitForSelector('[data-applied][data-application-status="applied"]');

    // 我的申请: listed as applied (the read model catches up a moment after the command).
    await page.click('text=看我的申请');
    await page.waitForURL('**/h5/jobs/applications');
    const mine = '[data-page="job-applications"] [data-application]';
    await eventually(async () => {
      if (await page.$(`${mine}[data-status="applied"]`)) return true;
      await page.reload();
      return (await page.waitForSelector(`${mine}[data-status="applied"]`, { timeout: 3000 }).catch(() => null)) ? true : undefined;
    }, { what: 'the application listed' }).catch(async (e) => {
      throw new Error(`${(e as Error).message}; page ${page.url()}: ${await page.textContent('main, body')}`);
    });
    expect(await page.textContent(`${mine} [data-status-label]`)).toBe('已申请');
    expect(await page.textContent(mine)).toContain(posting.title);
    await checkPage(page, 'jobs-applications');
    const applicationId = (await page.getAttribute(mine, 'data-application'))!;

    // Near home (signed in): the posting again, nearer than the station's list said it was from the station.
    await page.click('nav[aria-label="零工之家"] >> text=附近的工作');
    await page.waitForSelector(listed);
    expect(await page.textContent('[data-origin]')).toMatch(/离家近/);
    const nearHome = Number(/[\d.]+/.exec((await page.textContent(`${listed} [data-distance]`))!)![0]);
    expect(nearHome).toBeLessThan(2000);
    await checkPage(page, 'jobs-near-home');

    // The employer invites (its own API, as its phone would); the seeker accepts on 我的申请.
    const { token } = await demoEmployerSession(front, federation!.url(NODE, 'jobs'), posting.employerKind);
    const invited = await fetch(jobs(`/employers/me/applications/${applicationId}/invite`), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ message: '明早九点来面谈' }) });
    expect(invited.status).toBe(200);
    await page.click('nav[aria-label="零工之家"] >> text=我的申请');
    await page.waitForURL('**/h5/jobs/applications');
    await eventually(async () => {
      if (await page.$(`${mine}[data-status="invited"]`)) return true;
      await page.reload();
      return (await page.waitForSelector(`${mine}[data-status="invited"]`, { timeout: 3000 }).catch(() => null)) ? true : undefined;
    }, { what: 'the invitation shown' });
    expect(await page.textContent(mine)).toContain('明早九点来面谈');
    await checkPage(page, 'jobs-invited');
    await page.click(`${mine} [data-accept]`);
    await eventually(async () => {
      if (await page.$(`${mine}[data-status="accepted"]`)) return true;
      await page.reload();
      return (await page.waitForSelector(`${mine}[data-status="accepted"]`, { timeout: 3000 }).catch(() => null)) ? true : undefined;
    }, { what: 'the invitation accepted' });
    expect(await page.textContent(`${mine}[data-status="accepted"] [data-status-label]`)).toBe('已接受');

    // 推送给我: the seeker's inbox page answers (pushes come with postings published after registering).
    await page.click('nav[aria-label="零工之家"] >> text=推送给我');
    await page.waitForSelector('[data-page="jobs-inbox"] [data-pushed], [data-empty]');
    await checkPage(page, 'jobs-inbox');

    // 我的 → 注销个人信息: what goes is said, the seeker confirms, a code to their mobile (a wrong one
    // refused at its field), then signed out; the employer sees the applicant as 已注销.
    await page.click('nav[aria-label="零工之家"] >> a:text-is("我的")');
    await page.waitForSelector('[data-erasure]');
    expect(await page.textContent('[data-erasure]')).toContain('永久删除');
    await page.click('[data-erasure-send-code]');
    expect(await page.textContent('[data-field-error="understood"]')).toBe('请先勾选确认');
    await page.check('[data-erasure-understood]');
    const beforeErasure = await lastMessageSeq(front);
    await page.click('[data-erasure-send-code]');
    const { code: erasureCode } = await codeFromMessageBox(front, person.mobile, beforeErasure);
    await page.fill('#erasure-code', erasureCode === '000000' ? '111111' : '000000');
    await page.click('[data-erasure-submit]');
    expect(await page.textContent('[data-field-error="code"]')).toBe('验证码不正确或已失效');
    await checkPage(page, 'jobs-erasure');
    await page.fill('#erasure-code', erasureCode);
    await page.click('[data-erasure-submit]');
    await page.waitForSelector('[data-erased]');
    await page.waitForSelector('[data-jobs-sign-in-link]');
    await checkPage(page, 'jobs-erased');
    const applicants = await fetch(jobs(`/postings/${posting.postingId}/applications`), { headers: { authorization: `Bearer ${token}` } });
    const erasedApplicant = ((await applicants.json()) as { items: Array<{ applicationId: string; applicant: unknown }> }).items.find((i) => i.applicationId === applicationId);
    expect(erasedApplicant?.applicant).toEqual({ name: '已注销', mobile: null, masked: true, erased: true });

    expect(leavingTheMachine(requests)).toEqual([]);
    await context.close();
  }, 240_000);
});
