import type { Browser, Page } from 'playwright-core';
import { phonePhotoWithGps } from '@ws/testing/photos';
import { eventually } from '@ws/testing';
import type { LaunchedFederation } from '../apps/dashboard/testing/launched-federation';
import { leavingTheMachine, recordRequests } from '../apps/dashboard/testing/page-requests';
import { phoneContext } from '../apps/dashboard/testing/phones';
import { asOfficer, checkPage, codeFromMessageBox, getJson, H5_NODE as NODE, startH5Node, stopH5Node } from './h5-pages';

/**
 * A volunteer on a phone (issue 11, volunteers; and the inbox): signs in with the mobile and the SMS
 * code from the development message box, opens an invitation by the link its message carries,
 * accepts, starts, finishes with notes, hours and a proof photo uploaded to dispatch, sees the
 * hours; then reads the message in 消息, marks it read and turns SMS off. Against a node started
 * by npm start's launcher; every page checked with axe-core and saved to docs/screenshots/.
 */
let federation: LaunchedFederation | undefined;
let browser: Browser;
let front: string;
let stationId: string;

const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' }));
const api = (service: 'wishes' | 'dispatch' | 'notify', path: string) => `${federation!.url(NODE, service)}${path}`;

interface Invitation {
  invitationId: string;
  volunteerId: string;
  status: string;
}

/** The task dispatch made for the wish, once its invitation is pending for `volunteerId`: anyone else asked first declines. */
async function invitationFor(wishId: string, volunteerId: string): Promise<{ taskId: string; invitationId: string }> {
  const streetTasks = async () => (await asOfficer('GET', api('dispatch', '/tasks'))) as Array<{ taskId: string; wishIds: string[] }>;
  const task = await eventually(async () => (await streetTasks()).find((t) => t.wishIds.includes(wishId)), { what: 'the task for the wish', timeoutMs: 60_000 });
  return eventually(
    async () => {
      const { invitations } = (await asOfficer('GET', api('dispatch', `/tasks/${task.taskId}`))) as { invitations: Invitation[] };
      const pending = invitations.find((i) => i.status === 'pending');
      if (!pending) return undefined;
      if (pending.volunteerId === volunteerId) return { taskId: task.taskId, invitationId: pending.invitationId };
      // Someone else was asked first (the demo's volunteers): they decline, through their own token.
      const { accessCode } = await asOfficer('POST', api('dispatch', `/volunteers/${pending.volunteerId}/access-code`));
      const session = await fetch(api('dispatch', '/volunteer-sessions'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ volunteerId: pending.volunteerId, accessCode }) });
      const { token } = (await session.json()) as { token: string };
      await fetch(api('dispatch', `/tasks/${task.taskId}/invitations/${pending.invitationId}/decline`), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: '测试：让给新登记的志愿者' }),
      });
      return undefined;
    },
    { what: 'the invitation pending for the new volunteer', timeoutMs: 90_000 },
  );
}

/**
 * The page shows a read model that catches up a moment after a command: reload until it has. On a
 * machine busy with other suites the projection can trail by tens of seconds; a timeout names what
 * the page showed instead.
 */
async function reloadUntil(page: Page, selector: string): Promise<void> {
  try {
    await eventually(async () => {
      if (await page.$(selector)) return true;
      await page.reload();
      return (await page.waitForSelector(selector, { timeout: 3000 }).catch(() => null)) ? true : undefined;
    }, { what: selector, timeoutMs: 120_000, everyMs: 1000 });
  } catch (error) {
    const shown = await page.evaluate<string>(`[...document.querySelectorAll('[data-page] [data-status], [data-page]')].map((e) => e.outerHTML.slice(0, 160)).join('\\n')`);
    throw new Error(`${(error as Error).message}; the page showed:\n${shown}`);
  }
}

/**
 * Taps a link to another of the volunteer's pages and waits for the address to change: the router
 * changes it only once the page's code has loaded, and a reload before then (reloadUntil) would cancel
 * the navigation. Should the tap have missed (the banner re-renders as the read model catches up), the
 * page is opened by its address, as a volunteer would tap again.
 */
async function tapThrough(page: Page, link: string, path: string): Promise<void> {
  await page.click(link);
  await page.waitForURL(`**/h5/${path}`, { timeout: 10_000 }).catch(() => page.goto(`${front}/h5/${path}`));
}

describe('职工端: a volunteer answers an invitation and finishes the task; the inbox on the phone', () => {
  beforeAll(async () => {
    ({ federation, browser, front } = await startH5Node({ DEMO_VISITS_SCALE: '0.02', DEMO_MEMBERS_SCALE: '0.02', DEMO_WISHES_SCALE: '0.05', DEMO_VOLUNTEERS_SCALE: '0.1' }));
    const printed = /扫码打卡 landing (\S+)/.exec(federation.output());
    if (!printed) throw new Error(`the launcher printed no landing URL:\n${federation.output()}`);
    stationId = new URL(printed[1]!).pathname.split('/').pop()!;
  }, 420_000);

  afterAll(() => stopH5Node(federation, browser));

  it('sign in by SMS code → the invitation link → accept → start → finish with a photo → hours → 消息: read, SMS off', async () => {
    // A rider's wish for a repair, accepted; a volunteer of the street registered with their mobile.
    const posted = await eventually(async () => {
      const response = await fetch(api('wishes', '/wishes'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stationId, category: 'repair', text: '驿站门口的灯坏了，晚上看不清台阶' }) });
      return response.status === 201 ? ((await response.json()) as { wishId: string; wishNo: string }) : undefined;
    }, { what: 'the wish posted' });
    await asOfficer('POST', api('wishes', `/wishes/${posted.wishId}/accept`));
    const street = (await getJson(api('wishes', `/wishes/no/${posted.wishNo}`))).streetCode as string;
    const mobile = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const { volunteerId } = await asOfficer('POST', api('dispatch', '/volunteers'), {
      name: '李师傅', mobile, type: 'professional', skills: [{ skill: 'electrician', certificateRef: 'cert-h5-test' }], homeStreet: street, availability: ALL_WEEK, smsConsent: true,
    });
    // The board is paged (newest first); look through every page.
    const onBoard = async (after?: string): Promise<boolean> => {
      const board = (await asOfficer('GET', api('dispatch', `/volunteers?streetCode=${street}&limit=200${after ? `&after=${encodeURIComponent(after)}` : ''}`))) as { items: Array<{ volunteerId: string }>; next: string | null };
      return board.items.some((v) => v.volunteerId === volunteerId) || (board.next !== null && onBoard(board.next));
    };
    await eventually(async () => (await onBoard()) || undefined, { what: 'the volunteer on the board' });
    await asOfficer('POST', api('wishes', `/streets/${street}/decisions`), { category: 'repair', mode: 'individual_tasks', wishIds: [posted.wishId] });
    const { taskId, invitationId } = await invitationFor(posted.wishId, volunteerId);

    const context = await phoneContext(browser, 'android');
    const page = await context.newPage();
    const requests = recordRequests(page);
    // The link the invitation message carries: a hash route; without a session it asks to sign in first.
    await page.goto(`${front}/h5/#/volunteer/invitations/${invitationId}`);
    await page.waitForSelector('[data-page="volunteer-sign-in"]');
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/volunteer/invitations/${invitationId}`);
    await page.click('[data-volunteer-sign-in]');
    expect(await page.textContent('[data-field-error="mobile"]')).toBe('请填写登记志愿者时的手机号');
    await page.fill('#volunteer-mobile', '123');
    await page.click('[data-send-code]');
    expect(await page.textContent('[data-field-error="mobile"]')).toBe('手机号应为11位、以13–19开头');
    await page.fill('#volunteer-mobile', mobile);
    await page.click('[data-volunteer-sign-in]');
    expect(await page.textContent('[data-field-error="code"]')).toBe('请先获取并填写短信验证码');
    await checkPage(page, 'volunteer-sign-in');
    // The invitation's SMS came before: the code is the first message after it.
    const before = (await getJson(`${front}/messages/box.json`)).items.reduce((max: number, e: { seq: number }) => Math.max(max, e.seq), 0);
    await page.click('[data-send-code]');
    await page.waitForSelector('text=验证码已发送');
    const { code } = await codeFromMessageBox(front, mobile, before);
    await page.fill('#volunteer-code', `${(Number(code[0]) + 1) % 10}${code.slice(1)}`);
    await page.click('[data-volunteer-sign-in]');
    await page.waitForSelector('[data-field-error="code"]');
    expect(await page.textContent('[data-field-error="code"]')).toMatch(/验证码/);
    await page.fill('#volunteer-code', code);
    await page.click('[data-volunteer-sign-in]');

    // The invitation, with the time left, then accepted.
    const invitation = `[data-page="volunteer-invitations"] [data-invitation="${invitationId}"]`;
    await page.waitForSelector(`${invitation}[data-status="pending"] [data-time-left]`);
    expect(new URL(page.url()).pathname).toBe(`/h5/volunteer/invitations/${invitationId}`);
    expect(await page.textContent(`${invitation} [data-time-left]`)).toMatch(/^还剩 /);
    await checkPage(page, 'volunteer-invitation');
    await page.click(`${invitation} [data-accept]`);
    await page.waitForSelector('[data-answered]');
    await page.waitForSelector(`${invitation}[data-status="accepted"]`);
    const token = await page.evaluate<string>(`JSON.parse(sessionStorage.getItem('ws.volunteer.session')).token`);
    const again = await fetch(`${front}/api/dispatch/tasks/${taskId}/invitations/${invitationId}/accept`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(again.status).toBe(409);

    // 我的任务: start, then finish — the fields checked, a proof photo uploaded to dispatch.
    await tapThrough(page, 'text=去我的任务', 'volunteer/tasks');
    const task = `[data-page="volunteer-tasks"] [data-task="${taskId}"]`;
    await reloadUntil(page, `${task}[data-status="assigned"]`);
    await page.click(`${task} [data-start]`);
    await page.waitForSelector(`${task}[data-status="started"]`);
    await page.click(`${task} [data-finish]`);
    await page.click(`${task} [data-submit-finish]`);
    expect(await page.textContent(`${task} [data-field-error="notes"]`)).toBe('请写一写完成情况');
    expect(await page.textContent(`${task} [data-field-error="hours"]`)).toBe('请填写服务时长');
    await page.fill('#finish-notes', '更换了门口的灯泡和开关，台阶贴了反光条');
    await page.fill('#finish-hours', '30');
    await page.click(`${task} [data-submit-finish]`);
    expect(await page.textContent(`${task} [data-field-error="hours"]`)).toBe('服务时长应在 0.25–24 小时之间');
    await page.fill('#finish-hours', '1.5');
    await page.setInputFiles('[data-photo-input]', { name: 'not-a-photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('这不是照片') });
    await page.waitForSelector(`${task} [data-field-error="photo"]`);
    await page.setInputFiles('[data-photo-input]', { name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: await phonePhotoWithGps() });
    await page.waitForSelector('[data-proof-photo] img');
    expect(await page.getAttribute('[data-proof-photo] img', 'src')).toMatch(/^\/api\/dispatch\/photos\//);
    // A function, not a string: the page's CSP (script-src 'self') refuses a string to evaluate.
    await page.waitForFunction(() => ((document.querySelector('[data-proof-photo] img') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    await checkPage(page, 'volunteer-finish');
    const [completed] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/dispatch/tasks/${taskId}/complete`)),
      page.click(`${task} [data-submit-finish]`),
    ]);
    expect(completed.status()).toBe(200);
    const sent = JSON.parse(completed.request().postData()!) as { photoRefs: string[]; hours: number };
    expect(sent).toMatchObject({ hours: 1.5 });
    expect(sent.photoRefs).toHaveLength(1);
    await page.waitForSelector('[data-finished]');
    await page.waitForSelector(`${task}[data-status="completed"]`);
    await eventually(async () => (await getJson(api('wishes', `/wishes/no/${posted.wishNo}`))).status === 'completed' || undefined, { what: 'the wish done' });
    await checkPage(page, 'volunteer-tasks');

    // 服务时长
    await tapThrough(page, '.volunteer-nav >> text=服务时长', 'volunteer/hours');
    await reloadUntil(page, '[data-page="volunteer-hours"][data-total="1.5"]');
    await checkPage(page, 'volunteer-hours');

    // 消息: the invitation's message, its link to the invitation; marked read; SMS turned off and kept off.
    await page.goto(`${front}/h5/inbox`);
    const message = await eventually(async () => {
      await page.reload();
      await page.waitForSelector('[data-page="inbox"][data-identity="volunteer"]');
      return (await page.$$('[data-message][data-read="false"]')).length > 0 || undefined;
    }, { what: 'a message in the inbox' });
    expect(message).toBe(true);
    const links = await page.evaluate<string[]>(`[...document.querySelectorAll('[data-message-link]')].map((a) => a.href)`);
    expect(links.some((href) => href.includes(`/h5/#/volunteer/invitations/${invitationId}`))).toBe(true);
    const unread = Number(await page.getAttribute('[data-page="inbox"]', 'data-unread'));
    const first = await page.getAttribute('[data-message][data-read="false"]', 'data-message');
    await page.click(`[data-message="${first}"] [data-mark-read]`);
    await page.waitForSelector(`[data-message="${first}"][data-read="true"]`);
    expect(Number(await page.getAttribute('[data-page="inbox"]', 'data-unread'))).toBe(unread - 1);
    // WeChat was never bound: nothing to turn off.
    await page.waitForSelector('[data-channel="wechat"][data-bound="false"]');
    expect(await page.$('[data-channel="wechat"] [data-toggle-channel]')).toBeNull();
    await page.click('[data-channel="sms"] [data-toggle-channel]');
    await page.waitForSelector('[data-channel="sms"][data-off="true"]');
    await page.reload();
    await page.waitForSelector(`[data-page="inbox"] [data-message="${first}"][data-read="true"]`);
    await page.waitForSelector('[data-channel="sms"][data-off="true"]');
    await checkPage(page, 'inbox');
    // A member's proof that does not hold is refused at the field, in Chinese.
    await page.fill('#inbox-number', 'R000000000');
    await page.fill('#inbox-mobile', mobile);
    await page.click('[data-inbox-prove-submit]');
    expect(await page.textContent('[data-field-error="number"]')).toBe('凭证不正确或已失效');

    // The token is a header on this tab only; nothing personal or secret in any address.
    expect(await page.evaluate<string>('JSON.stringify(localStorage)')).not.toContain(token);
    expect(requests.filter((url) => url.includes(mobile) || url.includes(token))).toEqual([]);
    expect(leavingTheMachine(requests)).toEqual([]);
    await page.goto(`${front}/h5/volunteer/tasks`);
    await page.click('[data-volunteer-sign-out]');
    await page.waitForURL(`${front}/h5/`);
    expect(await page.evaluate(`sessionStorage.getItem('ws.volunteer.session')`)).toBeNull();
    await context.close();
  }, 300_000);
});
