import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../apps/dashboard/testing/chromium';
import { eventually } from '@ws/testing';
import { callAsPage, checkConsolePage, consoleAs, consoleMenu, launchConsoleNode, printedOfficer, stopConsoleNode } from '../apps/dashboard/testing/console-pages';
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

  // ── funds (经费) and legal aid (法律援助) ──

  /** A form field's text box in the open dialog (a closed one stays in the page, hidden; data-field is on the <input>/<textarea> of an el-input, on a wrapper of the others). */
  const fundsField = (name: string) => `.el-dialog:visible input[data-field="${name}"], .el-dialog:visible textarea[data-field="${name}"], .el-dialog:visible [data-field="${name}"] input`;
  /** Chooses `label` in the dialog's el-select named by its aria-label, again until the select shows it (a list re-rendering can swallow a click). */
  async function fundsChoose(select: string, label: string) {
    await eventually(async () => {
      if (!(await page.$('.el-select-dropdown:visible'))) await page.click(`.el-dialog:visible .el-select:has(input[aria-label="${select}"]) .el-select__wrapper`);
      await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: label }).first().click({ timeout: 5_000 });
      await page.locator('.el-select-dropdown:visible').first().waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => undefined);
      const shown = await page.textContent(`.el-dialog:visible .el-select:has(input[aria-label="${select}"])`);
      return shown?.includes(label) && !(await page.$('.el-select-dropdown:visible')) ? true : undefined;
    }, { what: `${label} chosen as ${select}`, timeoutMs: 30_000 });
  }
  /** The text of an element once it reads `text` (a read model catching up). */
  const fundsShows = (selector: string, text: string) =>
    page.waitForFunction(([s, t]) => document.querySelector(s)?.textContent?.trim() === t, [selector, text] as const, { timeout: 60_000 });

  it('经费: a budget allocated in 元, a spend over it refused at the amount, a spend and an adjustment kept to the fen', async () => {
    await page.click('[data-menu="funds"]');
    await page.waitForSelector('[data-page="funds"] [data-budgets] .el-table__row');
    // The demo's budgets (每个站点 5 000 元) read in 元.
    expect(await page.textContent('[data-budgets]')).toContain('5,000.00');
    await checkConsolePage(page, 'funds');

    await page.click('[data-allocate]');
    await page.click('.el-dialog:visible .el-radio:has-text("本级工会")');
    await page.fill(fundsField('title'), '职工法律服务经费（测试）');
    await page.fill(fundsField('amount'), '1234.567');
    await page.click('[data-send-budget]');
    // A third decimal is not 元: refused at the field before anything is sent.
    await page.waitForSelector('.el-dialog:visible .el-form-item.is-error >> text=最多两位小数');
    const allocated = page.waitForResponse((r) => r.url().endsWith('/api/stations/funds/budgets') && r.request().method() === 'POST');
    await page.fill(fundsField('amount'), '1,234.56');
    await page.click('[data-send-budget]');
    const budgetId = ((await (await allocated).json()) as { budgetId: string }).budgetId;
    await fundsShows(`[data-amount="${budgetId}"]`, '1,234.56');

    // A spend one fen over the balance: the service's refusal at the amount field, nothing recorded.
    await page.click(`[data-spend="${budgetId}"]`);
    await fundsChoose('支出类别', '书籍报刊');
    await page.fill(fundsField('amount'), '1234.57');
    await page.fill(fundsField('payee'), '新华书店柯城分店');
    await page.click('[data-send-spending]');
    await page.waitForSelector('.el-dialog:visible .el-form-item.is-error >> text=不够支出');
    expect(await page.textContent('.el-dialog:visible .el-form-item.is-error')).toContain('余额 1234.56 元');
    await checkConsolePage(page, 'funds-spend-refused');
    // 0.29 元 is 29 fen (a float makes 28.999… of it).
    await page.fill(fundsField('amount'), '0.29');
    await page.click('[data-send-spending]');
    await fundsShows(`[data-balance="${budgetId}"]`, '1,234.27');
    expect(await page.textContent(`[data-spent="${budgetId}"]`)).toBe('0.29');

    await page.click(`[data-adjust="${budgetId}"]`);
    await page.fill(fundsField('amount'), '2000');
    await page.fill(fundsField('reason'), '追加法律服务经费');
    await page.click('[data-send-adjust]');
    await fundsShows(`[data-balance="${budgetId}"]`, '1,999.71');
    // The service holds integer fen, read back from its read model.
    const held = await eventually(async () => {
      const answer = await callAsPage(page, `/api/stations/funds/budgets?limit=200`);
      const found = (answer.body.items as Array<{ budgetId: string; amountFen: number; spentFen: number }>).find((b) => b.budgetId === budgetId);
      return found && found.amountFen === 200_000 ? found : undefined;
    }, { what: 'the adjusted budget in the read model', timeoutMs: 60_000 });
    expect(held).toMatchObject({ level: 'node', amountFen: 200_000, spentFen: 29, balanceFen: 199_971 });
  }, JOURNEY_MS);

  it('法律援助: a case received with the worker sealed, their details opened on demand, mediated, settled with 元 recovered, closed; the year’s counts move', async () => {
    await page.click('[data-menu="legal-aid"]');
    await page.waitForSelector('[data-page="legal-aid"] [data-cases] .el-table__row');
    await page.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-figure="settled"]')?.textContent ?? ''));
    const settledBefore = Number(await page.textContent('[data-figure="settled"]'));
    await checkConsolePage(page, 'legal-aid');

    await page.click('[data-receive-case]');
    await page.waitForFunction(() => (document.querySelector('.el-dialog [data-field="streetCode"]')?.textContent ?? '').includes('个驿站'));
    await fundsChoose('案件类型', '欠薪');
    await fundsChoose('当事人职业', '外卖骑手');
    await page.fill(fundsField('name'), '钱测试');
    await page.fill(fundsField('mobile'), '1390000123');
    await page.fill(fundsField('account'), '平台合作商拖欠三个月配送费');
    await page.click('[data-send-case]');
    // A mobile a digit short: the service's refusal at its field.
    await page.waitForSelector('.el-dialog:visible .el-form-item.is-error >> text=11 位手机号');
    await checkConsolePage(page, 'legal-aid-receive');
    const received = page.waitForResponse((r) => r.url().endsWith('/api/stations/legal-aid/cases') && r.request().method() === 'POST');
    await page.fill(fundsField('mobile'), '13900001234');
    await page.click('[data-send-case]');
    const caseId = ((await (await received).json()) as { caseId: string }).caseId;
    await page.waitForSelector(`[data-open-case="${caseId}"]`, { timeout: 60_000 });
    // The list never names the worker.
    expect(await page.textContent('[data-page="legal-aid"]')).not.toContain('钱测试');

    await page.click(`[data-open-case="${caseId}"]`);
    await page.waitForSelector('[data-case-detail]');
    expect(await page.$('[data-worker]')).toBeNull();
    await page.click('[data-open-worker]');
    await fundsShows('[data-worker-name]', '钱测试');
    expect(await page.textContent('[data-worker]')).toContain('平台合作商拖欠三个月配送费');
    await checkConsolePage(page, 'legal-aid-case');

    await page.click('[data-mediate]');
    await fundsShows('[data-case-status]', '调解中');
    await page.fill(fundsField('recovered'), '12800.5');
    await page.click('[data-settle]');
    await fundsShows('[data-case-status]', '调解成功');
    expect(await page.textContent('[data-case-recovered]')).toBe('12,800.50');
    // The details left the screen with the step (the dialog shows the case afresh); nobody reads them by accident.
    expect(await page.$('[data-worker]')).toBeNull();
    await fundsChoose('结案结果', '达成调解协议');
    await page.click('[data-close-case]');
    await fundsShows('[data-case-status]', '已结案');
    await page.click('.el-dialog__footer >> text=关闭');

    const listed = await callAsPage(page, '/api/stations/legal-aid/cases?state=closed&limit=200');
    expect((listed.body.items as Array<{ caseId: string }>).find((c) => c.caseId === caseId)).toMatchObject({ kind: 'wage_arrears', occupation: 'rider', recoveredFen: 1_280_050, outcome: 'agreement' });
    await fundsShows('[data-figure="settled"]', String(settledBefore + 1));
  }, JOURNEY_MS);

  it('no page error on any of the screens', () => {
    expect(consoleLines.filter((line) => line.includes('pageerror'))).toEqual([]);
  });
});
