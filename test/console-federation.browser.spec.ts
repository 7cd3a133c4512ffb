import type { Browser } from 'playwright-core';
import { waitUntil } from '@ws/testing/service-process';
import { launchChromium } from '../apps/dashboard/testing/chromium';
import { checkConsolePage, consoleAs, consoleMenu, printedOfficer } from '../apps/dashboard/testing/console-pages';
import { LaunchedFederation, launchFederation } from '../apps/dashboard/testing/launched-federation';

/**
 * 工作台 across the levels, on the chain 浙江 ← 衢州 ← 柯城 launched as npm start does: 衢州's city
 * officer issues a station target to 柯城 in the console, 柯城's district officer finds it under
 * 上级指令 and signs for it (签收), and the city sees the acknowledgement come up in its progress
 * per child; a members target (新增会员目标) is offered and issued too; 浙江's province officer sees
 * the directives with progress per child.
 */
const CITY = '3308';
const DISTRICT = '330802';
const JOURNEY_MS = 240_000;

let federation: LaunchedFederation | undefined;
let browser: Browser;
const consoleLines: string[] = [];

describe('工作台 (apps/console) across a city and its district', () => {
  beforeAll(async () => {
    browser = await launchChromium();
    federation = await launchFederation(
      { PG_CONNECT_TIMEOUT_MS: '20000', DEMO_VISITS_SCALE: '0.02', DEMO_MEMBERS_SCALE: '0.02', DEMO_WISHES_SCALE: '0.1', DEMO_VOLUNTEERS_SCALE: '0.1' },
      'chain',
    );
    await federation.waitForLine(/演示数据已全部载入/, 240_000);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (federation) {
      await federation.interrupt(30_000).catch(() => undefined);
      await federation.remove();
    }
  }, 120_000);

  it('a city officer issues a directive, the district officer acknowledges it, and the city sees it acknowledged', async () => {
    const cityFront = federation!.url(CITY, 'dashboard');
    const districtFront = federation!.url(DISTRICT, 'dashboard');
    const city = await consoleAs(browser, cityFront, printedOfficer(federation!.output(), 'city_officer', CITY), '/directives', consoleLines);
    const title = `柯城 2027 年驿站不少于 200 个（${Date.now().toString(36)}）`;
    try {
      await city.page.waitForSelector('[data-page="directives"] .el-table');
      expect(await consoleMenu(city.page)).toEqual(['驿站登记', '入会申请', '工会组织', '派单', '志愿者', '下达指令', '上级指令', '达标与覆盖', '劳动者分布', '年度报表', '账号', '站内信', '投递状态', '招聘会', '零工数据', '运维']);
      await city.page.click('[data-issue]');
      // A station target without its number: refused at the field, in Chinese.
      await city.page.click('[data-send-issue]');
      // The field turns red first; its message follows in the next render.
      await city.page.waitForSelector('.el-dialog .el-form-item.is-error .el-form-item__error');
      const errors = await city.page.$$eval('.el-dialog .el-form-item.is-error .el-form-item__error', (nodes) => nodes.map((n) => n.textContent ?? ''));
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) expect(error).toMatch(/[\u4e00-\u9fff]/);
      await checkConsolePage(city.page, 'directive-issue');
      await city.page.fill('input[data-field="stations"], [data-field="stations"] input', '200');
      await city.page.fill('.el-dialog .el-date-editor input', `${new Date().getFullYear() + 1}-12-31`);
      await city.page.keyboard.press('Enter');
      await city.page.click('.el-dialog input[aria-label="下达到"]', { force: true });
      await city.page.click(`.el-select-dropdown__item >> text=柯城`);
      await city.page.keyboard.press('Escape');
      await city.page.fill('.el-dialog input[aria-label="标题"]', title);
      await city.page.click('[data-send-issue]');
      await city.page.waitForSelector(`text=${title}`);
      await checkConsolePage(city.page, 'directives');

      // A members target (新增会员目标, its label from the API): its own count field, titled from its goal.
      await city.page.click('[data-issue]');
      await city.page.click('.el-dialog .el-radio:has-text("新增会员目标")');
      await city.page.waitForSelector('.el-dialog .el-form-item:has-text("新增会员数") [data-field="members"]');
      await city.page.fill('input[data-field="members"], [data-field="members"] input', '300');
      await city.page.fill('.el-dialog input[aria-label="期限"], .el-dialog input[data-field="deadline"], .el-dialog [data-field="deadline"] input', `${new Date().getFullYear() + 1}-12-31`);
      await city.page.keyboard.press('Enter');
      await checkConsolePage(city.page, 'directive-issue-members');
      await city.page.click('[data-send-issue]');
      await city.page.waitForSelector('.el-table__row:has-text("新增会员≥300人")');

      const district = await consoleAs(browser, districtFront, printedOfficer(federation!.output(), 'district_officer', DISTRICT), '/received', consoleLines);
      try {
        // Back from the sign-in (the callback has finished) before the page is read again.
        await district.page.waitForSelector('[data-page="received"] .el-table');
        const acknowledge = await waitUntil(async () => {
          await district.page.reload();
          await district.page.waitForSelector('[data-page="received"] .el-table');
          const row = await district.page.$(`.el-table__row:has-text("${title}") [data-acknowledge]`);
          return row ?? undefined;
        }, 'the directive received at the district', 60_000, 1_000);
        await checkConsolePage(district.page, 'received');
        await acknowledge.click();
        await district.page.waitForSelector(`.el-table__row:has-text("${title}") [data-acknowledged]`);
      } finally {
        await district.context.close();
      }

      await waitUntil(async () => {
        await city.page.reload();
        const row = await city.page.waitForSelector(`.el-table__row:has-text("${title}")`);
        await (await row.$('.el-table__expand-icon'))!.click();
        const child = await city.page.waitForSelector(`[data-children] .el-table__row:has-text("${DISTRICT}")`);
        return (await child.textContent())?.includes('已签收') ? true : undefined;
      }, 'the acknowledgement in the city console', 60_000, 1_000);
      await checkConsolePage(city.page, 'directive-progress');
    } finally {
      await city.context.close();
    }
  }, JOURNEY_MS);

  it('a province officer sees the province’s directives with progress per child', async () => {
    const front = federation!.url('33', 'dashboard');
    const province = await consoleAs(browser, front, printedOfficer(federation!.output(), 'province_officer', '33'), '/directives', consoleLines);
    try {
      await province.page.waitForSelector('[data-page="directives"] .el-table__row');
      await (await province.page.$('.el-table__expand-icon'))!.click();
      await province.page.waitForSelector('[data-children] .el-table__row');
      await checkConsolePage(province.page, 'directives-province');
    } finally {
      await province.context.close();
    }
  }, JOURNEY_MS);
});
