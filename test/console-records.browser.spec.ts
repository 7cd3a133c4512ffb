import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../apps/dashboard/testing/chromium';
import { checkConsolePage, consoleAs, consoleMenu, launchConsoleNode, printedOfficer, stopConsoleNode } from '../apps/dashboard/testing/console-pages';
import type { LaunchedFederation } from '../apps/dashboard/testing/launched-federation';

/**
 * A district's year of work recorded in 工作台 (issue 14), in Chromium against a real node (柯城
 * as npm start runs it, one launch for every journey of this file): activities and their
 * sign-ups, welfare stock and handouts, programmes with quotas, budgets and spending, legal-aid
 * cases. Each screen passes axe and is saved to docs/screenshots/console-*.png.
 */
const JOURNEY_MS = 240_000;

let federation: LaunchedFederation | undefined;
let browser: Browser;
let front: string;
let context: BrowserContext;
let page: Page;
const consoleLines: string[] = [];

describe('工作台: a district records its year of work', () => {
  beforeAll(async () => {
    browser = await launchChromium();
    ({ federation, front } = await launchConsoleNode());
    ({ context, page } = await consoleAs(browser, front, printedOfficer(federation.output(), 'district_officer'), '/', consoleLines));
    page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
    await page.waitForSelector('[data-page="home"]');
  }, 600_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stopConsoleNode(federation);
  }, 120_000);

  it('the district officer’s menu opens on the home screen', async () => {
    expect((await consoleMenu(page)).length).toBeGreaterThan(5);
    await checkConsolePage(page, 'records-home');
  }, JOURNEY_MS);

  // ── activities (活动) ──

  // ── welfare (关爱物资) and programmes (民生实事) ──

  /** Opens the el-select of the open dialog (or, without one, of the page) named by its aria-label, and picks the option with `label` (or at that index). */
  async function welfarePick(selectLabel: string, label: string | number) {
    const scope = (await page.$('.el-dialog:visible')) ? '.el-dialog:visible ' : '';
    await page.click(`${scope}.el-select:has(input[aria-label="${selectLabel}"]) .el-select__wrapper`);
    const items = page.locator('.el-select-dropdown:visible .el-select-dropdown__item');
    await (typeof label === 'number' ? items.nth(label) : items.filter({ hasText: label }).first()).click();
    // The dropdown fades out after the choice; axe meanwhile finds its list scrollable and unfocusable.
    await page.waitForFunction(() => ![...document.querySelectorAll<HTMLElement>('.el-select-dropdown')].some((list) => list.offsetParent !== null));
  }
  /** Types into the dialog's field named by its aria-label, and leaves it (el-input-number takes it on change; a Tab could open the next field's date picker). */
  async function welfareType(label: string, value: string) {
    const box = page.locator(`.el-dialog:visible input[aria-label="${label}"], .el-dialog:visible textarea[aria-label="${label}"]`);
    await box.fill(value);
    await box.blur();
  }
  /** The refusal shown at the dialog's field named by its aria-label. */
  const welfareFieldError = (label: string) => page.waitForSelector(`.el-dialog:visible .el-form-item.is-error:has([aria-label="${label}"]) .el-form-item__error`, { timeout: 60_000 });

  it('关爱物资: stock received at a street, a handout the stock cannot cover refused at its quantity, one it can recorded with member cards counted, not named', async () => {
    await page.click('[data-menu="welfare"]');
    await page.waitForSelector('[data-page="welfare"]');
    await page.waitForSelector('[data-welfare-handouts] .el-table__row', { timeout: 60_000 });
    // The first street with stations (the forms record there by default): the lists show its holders; the street's own stock of 清凉礼包 before.
    const [listed] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/stations/welfare/stock?') && r.url().includes('streetCode=')),
      welfarePick('按街道查看', 1),
    ]);
    const street = new URL(listed.url()).searchParams.get('streetCode')!;
    const before = ((await listed.json()) as { items: Array<{ holderId: string; kind: string; inStock: number }> }).items
      .find((s) => s.holderId === `street-${street}` && s.kind === 'cool_pack')?.inStock ?? 0;

    await page.click('[data-receive-stock]');
    await welfarePick('物资类型', '清凉礼包');
    await welfareType('入库数量', '50');
    await welfareType('入库金额（元）', '2500');
    await page.fill('.el-dialog:visible input[aria-label="来源"]', '柯城区总工会采购（测试）');
    await checkConsolePage(page, 'welfare-stock-in');
    await page.click('[data-send-stock]');
    await page.waitForSelector(`[data-in-stock$="（街道）/cool_pack"] >> text="${before + 50}"`, { timeout: 60_000 });

    await page.click('[data-hand-out]');
    await page.click('.el-dialog:visible .el-radio >> text=夏送清凉');
    await welfarePick('发放物资类型', '清凉礼包');
    await welfareType('发放数量', String(before + 51));
    await welfareType('受惠人数', '40');
    await page.click('[data-send-handout]');
    // More than the stock: refused at the quantity, saying what is in stock.
    expect(await (await welfareFieldError('发放数量')).textContent()).toContain(`库存 ${before + 50}`);
    await checkConsolePage(page, 'welfare-handout-refused');

    await welfareType('发放数量', '40');
    await welfareType('其中新就业形态劳动者人数', '25');
    await page.click('[data-add-occupation]');
    await welfarePick('职业 1', '外卖');
    await welfareType('职业 1 人数', '25');
    await welfareType('会员卡号', 'KCTEST0001 KCTEST0002');
    const [posted] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/stations/welfare/handouts') && r.request().method() === 'POST'),
      page.click('[data-send-handout]'),
    ]);
    expect(posted.status()).toBe(201);
    const { handoutId } = (await posted.json()) as { handoutId: string };
    await page.waitForSelector(`[data-members-reached="${handoutId}"] >> text="2"`, { timeout: 60_000 });
    expect(await page.textContent(`[data-people-reached="${handoutId}"]`)).toBe('40');
    // Counted, not named: the list carries the count of cards, never a card.
    expect(await page.textContent('[data-page="welfare"]')).not.toContain('KCTEST');
    await page.waitForSelector(`[data-in-stock$="（街道）/cool_pack"] >> text="${before + 10}"`, { timeout: 60_000 });
    await checkConsolePage(page, 'welfare');
  }, JOURNEY_MS);

  it('民生实事: a programme launched with its 20 % rule, a delivery that would put the rule out of reach refused at its field, one within it shown as progress, closed', async () => {
    const title = '柯城区户外劳动者健康体检（测试）';
    await page.click('[data-menu="programmes"]');
    await page.waitForSelector('[data-page="programmes"]');
    await page.waitForSelector('[data-programmes] .el-table__row', { timeout: 60_000 });
    await page.click('[data-launch-programme]');
    await welfarePick('项目类型', '健康体检');
    await page.fill('.el-dialog:visible input[aria-label="名称"]', title);
    await welfareType('目标服务人次', '100');
    await welfareType('新就业形态劳动者占比下限（%）', '20');
    await welfareType('场次或名额', '10');
    await checkConsolePage(page, 'programme-launch');
    await page.click('[data-send-programme]');
    await page.waitForSelector(`[data-progress="${title}"]`, { timeout: 60_000 });

    await page.click(`[data-deliver="${title}"]`);
    await welfareType('服务人次', '85');
    await page.click('[data-send-delivery]');
    // 85 served, none of them new-form: the other 15 of the target cannot bring the share to 20 %.
    expect(await (await welfareFieldError('其中新就业形态劳动者人次')).textContent()).toContain('20%');
    await checkConsolePage(page, 'programme-delivery-refused');
    await welfareType('其中新就业形态劳动者人次', '20');
    await page.click('[data-send-delivery]');
    await page.waitForSelector(`[data-progress="${title}"] >> text="85 / 100"`, { timeout: 60_000 });
    expect(await page.textContent(`[data-share="${title}"]`)).toContain('23.5%');
    await checkConsolePage(page, 'programmes');

    await page.click(`[data-close-programme="${title}"]`);
    await page.click('.el-message-box__btns >> text=结束');
    await page.waitForSelector(`[data-progress="${title}"]`, { state: 'detached', timeout: 60_000 });
    await page.click('[data-page="programmes"] .el-radio-button >> text=已结束');
    await page.waitForSelector(`[data-progress="${title}"]`, { timeout: 60_000 });
  }, JOURNEY_MS);

  // ── funds (经费) and legal aid (法律援助) ──

  it('no page error on any of the screens', () => {
    expect(consoleLines.filter((line) => line.includes('pageerror'))).toEqual([]);
  });
});
