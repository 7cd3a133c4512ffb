import type { Browser, BrowserContext, Page } from 'playwright-core';
import { idNumberCheckCode } from '@ws/contracts';
import { eventually } from '@ws/testing';
import type { LaunchedFederation } from '../apps/dashboard/testing/launched-federation';
import { leavingTheMachine, recordRequests } from '../apps/dashboard/testing/page-requests';
import { PhoneName, phoneContext } from '../apps/dashboard/testing/phones';
import { asOfficer, checkPage, codeFromMessageBox, getJson, H5_NODE as NODE, lastMessageSeq, newPerson, startH5Node, stopH5Node } from './h5-pages';

/**
 * The worker pages where the worker proves who they are (issue 11's second part), on phones
 * against a node started by npm start's launcher (柯城 alone, the development message box on):
 * 我要入会 with the SMS code read from the message box → 申请进度 → approved by an officer.
 * Every page is checked with axe-core and saved to docs/screenshots/h5-*.png.
 */
let federation: LaunchedFederation | undefined;
let browser: Browser;
let front: string;
/** The worker who joins in the first test and is a member in the next. */
let joined: { mobile: string; idNumber: string; cardNumber: string; membershipId: string } | undefined;

const api = (service: 'membership' | 'dispatch' | 'notify', path: string) => `${federation!.url(NODE, service)}${path}`;

async function phone(name: PhoneName): Promise<{ context: BrowserContext; page: Page; requests: ReturnType<typeof recordRequests> }> {
  const context = await phoneContext(browser, name);
  const page = await context.newPage();
  return { context, page, requests: recordRequests(page) };
}

describe('职工端: joining, members, volunteers and the inbox on phones against a running node', () => {
  beforeAll(async () => {
    ({ federation, browser, front } = await startH5Node({ DEMO_VISITS_SCALE: '0.02', DEMO_MEMBERS_SCALE: '0.02', DEMO_WISHES_SCALE: '0.05', DEMO_VOLUNTEERS_SCALE: '0.1' }));
  }, 420_000);

  afterAll(() => stopH5Node(federation, browser));

  it('我要入会 (Android 360×640): errors at the fields in Chinese, the union suggested, the SMS code from the message box, then 申请进度 until approved', async () => {
    const { context, page, requests } = await phone('android');
    const person = newPerson(idNumberCheckCode);
    await page.goto(`${front}/h5/`);
    await page.click('text=我要入会');
    await page.waitForSelector('[data-page="join"] [data-occupation]');
    await page.click('[data-submit-join]');
    expect(await page.textContent('[data-field-error="name"]')).toBe('请填写姓名');
    expect(await page.textContent('[data-field-error="idNumber"]')).toBe('请填写身份证号');
    expect(await page.textContent('[data-field-error="mobileCode"]')).toBe('请先获取并填写手机验证码');
    expect(await page.textContent('[data-field-error="agreed"]')).toBe('请阅读并同意个人信息的使用说明');
    // The check digit and the mobile checked on the phone, at the field, as the service checks them.
    const wrongCheck = `${person.idNumber.slice(0, 17)}${person.idNumber[17] === '1' ? '2' : '1'}`;
    await page.fill('#join-id', wrongCheck);
    await page.fill('#join-mobile', '1234567');
    await page.click('[data-send-code]');
    expect(await page.textContent('[data-field-error="mobile"]')).toBe('手机号应为11位、以13–19开头');
    await page.click('[data-submit-join]');
    expect(await page.textContent('[data-field-error="idNumber"]')).toBe('身份证号校验位不正确');
    await checkPage(page, 'join-errors');

    await page.fill('#join-name', '王小明');
    await page.fill('#join-id', person.idNumber);
    await page.fill('#join-mobile', person.mobile);
    await page.click('[data-occupation="courier"]');
    const streets = (await getJson(`${federation!.url(NODE, 'stations')}/streets`)).items as Array<{ code: string }>;
    await page.selectOption('#join-street', streets[0]!.code);
    const suggested = await getJson(api('membership', `/unions/suggestion?occupation=courier&streetCode=${streets[0]!.code}`));
    await page.waitForSelector(`[data-union-name]:has-text("${suggested.name}")`);
    await page.click('[data-send-code]');
    await page.waitForSelector('text=验证码已发送');
    const { code } = await codeFromMessageBox(front, person.mobile);
    await page.fill('#join-code', `${(Number(code[0]) + 1) % 10}${code.slice(1)}`); // one digit wrong
    await page.click('[data-consent]');
    await page.click('[data-sms-consent]');
    await page.click('[data-submit-join]');
    await page.waitForSelector('[data-field-error="mobileCode"]');
    expect(await page.textContent('[data-field-error="mobileCode"]')).toMatch(/验证码/);
    await page.fill('#join-code', code);
    const [posted] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/membership/applications') && r.request().method() === 'POST' && r.status() === 201),
      page.click('[data-submit-join]'),
    ]);
    const { applicationId, applicationNumber, unionId } = (await posted.json()) as { applicationId: string; applicationNumber: string; unionId: string };
    expect(unionId).toBe(suggested.unionId);
    await page.waitForSelector(`[data-application-number]:has-text("${applicationNumber}")`);
    expect(await page.evaluate<string>(`localStorage.getItem('ws.applications.mine')`)).toContain(applicationNumber);
    expect(await page.evaluate<string>('JSON.stringify(localStorage)')).not.toContain(person.mobile);
    await page.click('[data-ask-status]');
    expect(await page.textContent('[data-field-error="mobile"]')).toBe('请填写申请时的手机号');
    await page.fill('#status-mobile', person.mobile);
    await page.click('[data-ask-status]');
    await page.waitForSelector('[data-page="join-status"][data-status="submitted"]');
    await checkPage(page, 'join-status');

    // The officer approves; the link a message carries (a hash route) opens the status page.
    const approved = await asOfficer('POST', api('membership', `/applications/${applicationId}/approve`));
    joined = { ...person, cardNumber: approved.cardNumber, membershipId: approved.membershipId };
    await page.goto(`${front}/h5/#/join/status/${applicationNumber}`);
    await page.waitForSelector('[data-page="join-status-ask"]');
    expect(new URL(page.url()).pathname).toBe(`/h5/join/status/${applicationNumber}`);
    await page.fill('#status-mobile', person.mobile);
    await page.click('[data-ask-status]');
    await page.waitForSelector('[data-page="join-status"][data-status="approved"] [data-card-number]');
    await checkPage(page, 'join-approved');
    // Nothing personal in any address the page asked for.
    expect(requests.filter((url) => url.includes(person.mobile) || url.includes(person.idNumber))).toEqual([]);
    expect(leavingTheMachine(requests)).toEqual([]);
    await context.close();
  });

  it('member (iPhone): signs in with card number + SMS code, shows the card with its QR code, the points and their entries, redeems in the points shop', async () => {
    expect(joined?.cardNumber).toMatch(/^\w{6,20}$/);
    const member = joined!;
    await asOfficer('POST', api('membership', `/members/${member.membershipId}/points/credits`), { entryId: crypto.randomUUID(), points: 120, reason: '志愿服务补记' });
    const item = await asOfficer('POST', api('membership', '/shop/items'), { name: `清凉礼包 ${Date.now() % 10_000}`, points: 100, stock: 5 });
    const itemId = item.itemId as string;
    await eventually(async () => ((await getJson(api('membership', '/shop/items'))) as Array<{ itemId: string }>).some((i) => i.itemId === itemId), { what: 'the item in the shop' });

    const { context, page, requests } = await phone('iphone');
    await page.goto(`${front}/h5/#/member/card`); // the link an approval message carries
    await page.waitForSelector('[data-page="member-sign-in"]');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/member/card');
    await page.click('[data-member-sign-in]');
    expect(await page.textContent('[data-field-error="cardNumber"]')).toBe('请填写会员卡号');
    expect(await page.textContent('[data-field-error="mobile"]')).toBe('请填写入会时登记的手机号');
    await page.fill('#member-card-number', member.cardNumber);
    await page.fill('#member-mobile', member.mobile);
    await page.click('[data-member-sign-in]');
    expect(await page.textContent('[data-field-error="code"]')).toBe('请先获取并填写短信验证码');
    await checkPage(page, 'member-sign-in');
    const before = await lastMessageSeq(front);
    await page.click('[data-send-code]');
    await page.waitForSelector('text=验证码已发送');
    const { code } = await codeFromMessageBox(front, member.mobile, before);
    await page.fill('#member-code', code);
    await page.click('[data-member-sign-in]');
    await page.waitForSelector(`[data-page="member-card"][data-card-number="${member.cardNumber}"] [data-member-qr]`);
    expect(new URL(page.url()).pathname).toBe('/h5/member/card');
    expect(await page.getAttribute('[data-member-qr]', 'alt')).toContain(member.cardNumber);
    await checkPage(page, 'member-card');

    await page.click('text=我的积分 · 积分超市');
    await page.waitForSelector('[data-page="member-points"][data-balance="120"]');
    expect(await page.locator('[data-entry]').first().textContent()).toContain('+120');
    await checkPage(page, 'member-points');
    await page.click(`[data-item="${itemId}"] [data-redeem]`);
    await page.click(`[data-item="${itemId}"] [data-confirm-redeem]`);
    await page.waitForSelector('[data-redeemed]');
    await page.waitForSelector('[data-page="member-points"][data-balance="20"]');
    // At once: the balance the account answered and the stock less the one taken; then the account's entries.
    expect(await page.textContent(`[data-item="${itemId}"]`)).toContain('剩 4 件');
    await page.locator('[data-entry]').first().filter({ hasText: '-100' }).waitFor({ timeout: 10_000 });
    await eventually(async () => ((await getJson(api('membership', '/shop/items'))) as Array<{ itemId: string; stock: number }>).find((i) => i.itemId === itemId)?.stock === 4, { what: 'the stock taken' });
    await page.click(`[data-item="${itemId}"] [data-redeem]`);
    expect(await page.textContent(`[data-item="${itemId}"] [data-field-error="item"]`)).toBe('积分不够：还差 80 分');
    await checkPage(page, 'member-redeemed');

    // A long account comes a page at a time (50 entries, newest first), older ones on asking.
    for (let i = 0; i < 50; i++) await asOfficer('POST', api('membership', `/members/${member.membershipId}/points/credits`), { entryId: crypto.randomUUID(), points: 1, reason: '打卡补记' });
    await page.reload();
    await page.waitForSelector('[data-page="member-points"][data-balance="70"]');
    expect(await page.locator('[data-entry]').count()).toBe(50);
    await page.locator('[data-more-entries]').scrollIntoViewIfNeeded();
    await checkPage(page, 'member-points-more');
    await page.click('[data-more-entries]');
    await page.locator('[data-entry]').nth(51).waitFor();
    expect(await page.locator('[data-entry]').count()).toBe(52);
    expect(await page.locator('[data-entry]').last().textContent()).toContain('+120');
    expect(await page.locator('[data-more-entries]').count()).toBe(0);

    // The session is a header on this tab only; nothing personal or secret in any address.
    const token = await page.evaluate<string>(`JSON.parse(sessionStorage.getItem('ws.member.session')).token`);
    expect(await page.evaluate<string>('JSON.stringify(localStorage)')).not.toContain(token);
    expect(requests.filter((url) => url.includes(member.mobile) || url.includes(token) || url.includes(member.cardNumber))).toEqual([]);
    expect(leavingTheMachine(requests)).toEqual([]);
    const forged = await fetch(`${front}/api/membership/me/card`, { headers: { 'x-member-session': 'A'.repeat(43) } });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { code: string }).code).toBe('member_session_invalid');
    await page.goto(`${front}/h5/member/card`);
    await page.click('[data-member-sign-out]');
    await page.waitForURL(`${front}/h5/`);
    expect((await fetch(`${front}/api/membership/me/card`, { headers: { 'x-member-session': token } })).status).toBe(401);
    await context.close();
  });
});
