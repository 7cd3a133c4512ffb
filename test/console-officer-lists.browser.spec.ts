import type { Page } from 'playwright-core';
import { eventually } from '@ws/testing';
import { callAsPage, checkConsolePage, closeDistrictConsole, CONSOLE_NODE as NODE, consoleAs, type DistrictConsole, field, openDistrictConsole, printedOfficer } from '../apps/dashboard/testing/console-pages';

/**
 * The district officer's lists in 工作台, in Chromium against a real node (柯城 as npm start runs
 * it): the redemptions of the points shop (paged by the service, the member as a masked card
 * number, a station's redemption under the station's name from the directory), the erasure requests (recorded from the members list, refused with a reason, listed
 * with who handled them), and the coverage of the node per street. Each screen passes axe and is
 * saved to docs/screenshots/console-*.png.
 */
const JOURNEY_MS = 240_000;
const POLL_MS = 120_000;

let session: DistrictConsole | undefined;
let front: string;
let page: Page;

describe('工作台: the district officer’s redemptions, erasure requests and coverage per street', () => {
  beforeAll(async () => {
    session = await openDistrictConsole();
    ({ front, page } = session);
  }, 600_000);

  afterAll(() => closeDistrictConsole(session), 120_000);

  it('lists the redemptions at the counter and at a station with the item, time, a masked card number and the station by name', async () => {
    const members = await callAsPage(page, '/api/membership/members?status=active&limit=1');
    expect(members.status).toBe(200);
    const member = members.body.items[0] as { membershipId: string; cardNumber: string };
    const credited = await callAsPage(page, `/api/membership/members/${member.membershipId}/points/credits`, { json: { entryId: crypto.randomUUID(), points: 200, reason: '测试奖励' } });
    expect(credited.status).toBeLessThan(300);
    const listed = await callAsPage(page, '/api/membership/shop/items', { json: { name: '兑换记录测试礼包', points: 20, stock: 5 } });
    expect(listed.status).toBeLessThan(300);

    await page.click('[data-menu="shop"]');
    await page.waitForSelector('[data-stock="兑换记录测试礼包"]', { timeout: 60_000 });
    await page.waitForSelector('[data-redemptions]');
    await page.click('[data-redeem]');
    await page.fill(field('redeem-card'), member.cardNumber);
    await page.click('.el-dialog .el-select:has(input[aria-label="兑换商品"]) .el-select__wrapper');
    await page.click('.el-select-dropdown:visible .el-select-dropdown__item >> text=兑换记录测试礼包');
    await page.click('[data-send-shop]');
    await page.waitForSelector('[data-stock="兑换记录测试礼包"] >> text=4', { timeout: 60_000 });

    // The list is a read model: the page reads it again after the redemption; poll the service, then the table.
    const row = await eventually(async () => {
      const answer = await callAsPage(page, '/api/membership/shop/redemptions?limit=5');
      return (answer.body?.items as Array<{ redemptionId: string; itemName: string; member: { cardNumber: string } }> | undefined)?.find((r) => r.itemName === '兑换记录测试礼包');
    }, { what: 'the redemption in the list', timeoutMs: POLL_MS });
    expect(row.member.cardNumber).not.toBe(member.cardNumber);
    expect(row.member.cardNumber.slice(-4)).toBe(member.cardNumber.slice(-4));

    // The demo station manager hands one over at their station: the redemption carries the station's id only.
    const manager = await consoleAs(session!.browser, front, printedOfficer(session!.federation.output(), 'station_manager'), '/', session!.consoleLines);
    let atStation: string;
    try {
      await manager.page.waitForSelector('[data-page="home"]');
      const redeemed = await callAsPage(manager.page, '/api/membership/shop/redemptions', {
        json: { redemptionId: crypto.randomUUID(), cardNumber: member.cardNumber, itemId: listed.body.itemId, quantity: 1 },
      });
      expect(redeemed.status).toBe(200);
      atStation = redeemed.body.redemptionId as string;
    } finally {
      await manager.context.close();
    }
    const stationRow = await eventually(async () => {
      const answer = await callAsPage(page, '/api/membership/shop/redemptions?limit=5');
      return (answer.body?.items as Array<{ redemptionId: string; stationId: string | null }> | undefined)?.find((r) => r.redemptionId === atStation);
    }, { what: 'the station’s redemption in the list', timeoutMs: POLL_MS });
    expect(stationRow.stationId).toEqual(expect.any(String));
    const station = await callAsPage(page, `/api/stations/stations/${stationRow.stationId}`);
    expect(station.status).toBe(200);

    await page.reload();
    const shown = await page.waitForSelector(`[data-redemption-card="${row.redemptionId}"]`, { timeout: 60_000 });
    expect(await shown.textContent()).toBe(row.member.cardNumber);
    expect(await page.textContent('[data-redemptions]')).not.toContain(member.cardNumber);
    // who handed it over is named by membership's GET /labels, asked once for the whole console
    await page.waitForSelector(`[data-redemption-place="${row.redemptionId}"] >> text="工会柜台"`, { timeout: 60_000 });
    // The station's name comes from the directory a moment after the list.
    await page.waitForSelector(`[data-redemption-place="${atStation}"] >> text="${station.body.name as string}"`, { timeout: 60_000 });
    await checkConsolePage(page, 'shop-redemptions');
  }, JOURNEY_MS);

  it('records an erasure request from the members list, refuses it with a reason, and lists who handled it', async () => {
    await page.click('[data-menu="erasure"]');
    const first = await page.waitForSelector('[data-record-erasure]', { timeout: 60_000 });
    await first.click();
    await page.waitForSelector('text=已登记注销申请');
    await page.waitForSelector('[data-erasure-requests]');
    const requested = await eventually(async () => {
      const answer = await callAsPage(page, '/api/membership/erasure-requests?status=requested');
      return (answer.body?.items as Array<{ requestId: string }> | undefined)?.[0];
    }, { what: 'the request in the list', timeoutMs: POLL_MS });
    const refuse = await page.waitForSelector(`[data-refuse-request="${requested.requestId}"]`, { timeout: 60_000 });
    await refuse.click();
    await page.fill('.erasure-dialog input', '会籍转移尚未办结，办结后再申请');
    await page.click('.erasure-dialog .el-message-box__btns >> text=确定');
    await page.waitForSelector('text=已答复不予注销');
    await page.waitForSelector(`[data-erasure-requests] >> text=会籍转移尚未办结，办结后再申请`, { timeout: 60_000 });
    expect(await page.textContent('[data-erasure-requests]')).toContain('区县工会');
    const answer = await callAsPage(page, '/api/membership/erasure-requests?status=refused');
    expect(answer.body.items[0]).toMatchObject({ requestId: requested.requestId, status: 'refused', handledBy: expect.stringMatching(/^district_officer:/) });
    await checkConsolePage(page, 'erasure-requests');
  }, JOURNEY_MS);

  it('shows the coverage of each street of the district, as the service counts it', async () => {
    await page.click('[data-menu="compliance"]');
    await page.waitForSelector('[data-coverage-children] .el-table__row', { timeout: 60_000 });
    const answer = await callAsPage(page, '/api/stations/coverage/children?mode=ebike&minutes=15');
    expect(answer.status).toBe(200);
    expect(answer.body.by).toBe('street');
    const streets = (answer.body.rows as Array<{ child: string }>).filter((r) => r.child.startsWith(NODE));
    expect(streets.length).toBeGreaterThan(0);
    expect(await page.textContent('[data-coverage-children-title]')).toContain('各街道覆盖');
    expect(await page.$$('[data-coverage-children] .el-table__row')).toHaveLength(Math.min(15, answer.body.rows.length));
    await checkConsolePage(page, 'coverage-children');
  }, JOURNEY_MS);
});
