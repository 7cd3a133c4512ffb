import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually } from '@ws/testing';
import { launchChromium } from '../apps/dashboard/testing/chromium';
import {
  callAsPage,
  checkConsolePage,
  CONSOLE_NODE,
  consoleAs,
  consoleMenu,
  downloaded,
  field,
  launchConsoleNode,
  printedOfficer as printedOfficerOf,
  signInConsole,
  stopConsoleNode,
  type PrintedOfficer,
} from '../apps/dashboard/testing/console-pages';
import type { LaunchedFederation } from '../apps/dashboard/testing/launched-federation';
import { leavingTheMachine, recordRequests } from '../apps/dashboard/testing/page-requests';

/**
 * 工作台 (apps/console) in Chromium against a real node (npm start's launcher, 柯城 alone): the
 * demo officers the launcher prints sign in through the identity service's own pages (password,
 * then the TOTP code computed from the printed secret), see their role's menu, and do their work,
 * each checked against the services: a district officer approves applications (one, then in
 * bulk), registers a station and downloads its poster, opens an account and the directives
 * received; a street officer accepts a wish, decides the street's demand and sees the task on the
 * dispatch board, registers a volunteer and rewards a 随手拍; a station manager edits the station
 * (a stale edit is a conflict dialog), suspends and reopens it, publishes its notice (公示) with a
 * partner stationed, downloads the poster; an ops_admin
 * rebuilds a read model. Every screen passes axe and is saved to docs/screenshots/console-*.png.
 */
const NODE = CONSOLE_NODE;
/** Each journey drives a real node's sign-in and services; a machine shared by other runs is slow. */
const JOURNEY_MS = 240_000;

let federation: LaunchedFederation | undefined;
let browser: Browser;
let front: string;
const consoleLines: string[] = [];

/** The demo officer of a role as the launcher printed it. */
const printedOfficer = (role: string) => printedOfficerOf(federation!.output(), role);
const checkPage = checkConsolePage;
const signIn = (page: Page, officer: PrintedOfficer) => signInConsole(page, front, officer);
const signedIn = (role: string, path: string) => consoleAs(browser, front, printedOfficer(role), path, consoleLines);

const menuOf = consoleMenu;

describe('工作台 (apps/console) against a running node', () => {
  let context: BrowserContext;
  let page: Page;
  let requests: ReturnType<typeof recordRequests>;

  beforeAll(async () => {
    browser = await launchChromium();
    ({ federation, front } = await launchConsoleNode());
    expect(federation.output()).toContain(`工作台 console    ${front}/console/`);
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 800 } });
    page = await context.newPage();
    requests = recordRequests(page);
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
  }, 600_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stopConsoleNode(federation);
  }, 120_000);

  it('a district officer signs in with password + TOTP, sees the menu of the role, and approves an application (a missing reason is shown at its field)', async () => {
    await page.goto(`${front}/console/applications`);
    await page.waitForSelector('#userName');
    await checkPage(page, 'sign-in');
    await signIn(page, printedOfficer('district_officer'));

    // Back where the officer was going; the code and state are gone from the address, the tokens are in this tab only.
    await page.waitForSelector('[data-page="applications"]');
    expect(page.url()).toBe(`${front}/console/applications`);
    const stored = await page.evaluate(() => ({ session: JSON.stringify(sessionStorage), local: JSON.stringify(localStorage) }));
    expect(stored.session).toContain('access_token');
    expect(stored.local).not.toContain('access_token');
    expect(await menuOf(page)).toEqual(['驿站登记', '入会申请', '工会组织', '积分商城', '注销个人信息', '心愿审核', '需求清单', '派单', '志愿者', '排班', '活动', '关爱物资', '民生实事', '随手拍', '上级指令', '达标与覆盖', '劳动者分布', '年度报表', '账号', '站内信', '投递状态', '零工审核', '招聘会', '零工数据', '经费', '法律援助', '运维']);
    // the role's name is identity's (GET /labels), asked once when the console opens
    await page.waitForSelector('[data-user-menu] >> text=区总干部');

    const first = await page.waitForSelector('[data-open]');
    const number = await first.getAttribute('data-open');
    await checkPage(page, 'applications');
    await first.click();
    // the status's name comes from membership's GET /labels, asked once for the whole console
    await page.waitForSelector('[data-page="application"] [data-status] >> text=待审核');
    expect(await page.textContent('[data-status]')).toBe('待审核');

    // 驳回 without a reason: the service's refusal appears at the reason's field, nothing changes.
    await page.click('text=驳回');
    await page.click('.el-dialog__footer >> text=驳回');
    await page.waitForSelector('.el-form-item.is-error >> text=请从选项中选择');
    await checkPage(page, 'application-reject');
    await page.click('.el-dialog__footer >> text=取消');

    await checkPage(page, 'application');
    await page.click('[data-approve]');
    await page.waitForSelector('text=已批准，会员卡号');
    await page.waitForSelector('[data-status] >> text=已批准');

    // Out of the pending queue, in the approved one (read back from the service).
    await page.click('[data-menu="applications"]');
    await page.waitForSelector('[data-open]');
    expect(await page.$(`[data-open="${number}"]`)).toBeNull();
    await page.click('text=已批准');
    await page.waitForSelector(`[data-open="${number}"]`);

    // 批量批准: two ticked on the pending page, approved in one request, both out of the queue.
    await page.click('text=待处理');
    // The pending page has replaced the approved one: every row can be ticked.
    await page.waitForFunction(() => {
      const rows = document.querySelectorAll('[data-open]');
      return rows.length > 0 && document.querySelectorAll('[data-select]').length === rows.length && !document.querySelector('.el-loading-mask:not([style*="display: none"])');
    });
    const ticked = await page.$$eval('[data-open]', (links) => links.slice(0, 2).map((link) => link.getAttribute('data-open')!));
    for (const one of ticked) await page.check(`[data-select="${one}"]`);
    await page.waitForSelector('[data-approve-selected] >> text=批量批准（2）');
    await checkPage(page, 'applications-bulk');
    await page.click('[data-approve-selected]');
    await page.click('.el-message-box__btns >> text=批准');
    await page.waitForSelector('text=已批准 2 份申请');
    for (const one of ticked) await page.waitForFunction((no) => !document.querySelector(`[data-open="${no}"]`), one, { timeout: 60_000 });
  }, JOURNEY_MS);

  it('a district officer registers a station (a missing field is shown at it, in Chinese), downloads its poster, and opens an account', async () => {
    await page.click('[data-menu="stations"]');
    await page.waitForSelector('[data-open-station]');
    await checkPage(page, 'stations');
    await page.click('[data-register]');
    await page.fill(field('name'), '府山街道测试工会驿站');
    await page.click('[data-send-register]');
    await page.waitForSelector('.el-dialog .el-form-item.is-error >> text=此项必填');
    await checkPage(page, 'station-register');
    await page.fill(field('address'), '衢州市柯城区府山街道测试路 1 号');
    await page.fill(field('lng'), '118.87');
    await page.fill(field('lat'), '28.94');
    await page.click('[data-send-register]');
    await page.waitForSelector('[data-page="station"] >> text=府山街道测试工会驿站');
    await page.waitForSelector('[data-qr]');
    await checkPage(page, 'station');
    const poster = await downloaded(page, () => page.click('[data-poster-pdf]'));
    expect(poster.name).toMatch(/海报\.pdf$/);
    expect(poster.bytes).toBeGreaterThan(10_000);
    const code = await downloaded(page, () => page.click('[data-code-png]'));
    expect(code.name).toMatch(/驿站码\.png$/);

    // Closed by the district: the registry shows it as closed.
    await page.click('[data-close-station]');
    await page.fill('.el-dialog input[aria-label="关闭原因"]', '测试完毕');
    await page.click('[data-send-close]');
    await page.waitForSelector('[data-station-status] >> text=已关闭');

    await page.click('[data-menu="accounts"]');
    await page.waitForSelector('[data-account-actions]');
    await page.click('[data-create-account]');
    await page.fill(field('userName'), 'wang_fushan');
    await page.fill(field('displayName'), '王府山');
    await page.fill('.el-dialog input[aria-label="街道代码"]', `${NODE}001`);
    await page.fill(field('password'), 'short');
    await page.click('[data-send-account]');
    await page.waitForSelector('.el-dialog .el-form-item.is-error [data-field="password"]');
    const passwordError = await page.textContent('.el-dialog .el-form-item.is-error .el-form-item__error');
    expect(passwordError).toMatch(/[\u4e00-\u9fff]/);
    await checkPage(page, 'account-create');
    await page.fill(field('password'), 'Fushan-2026!x');
    await page.click('[data-send-account]');
    await page.waitForSelector('[data-account-actions="wang_fushan"]');
    await checkPage(page, 'accounts');

    await page.click('[data-menu="received"]');
    await page.waitForSelector('[data-page="received"] .el-table');
    await checkPage(page, 'received');
  }, JOURNEY_MS);

  it('logs out through the identity service, and the console asks for a sign-in again', async () => {
    await page.goto(`${front}/console/`);
    await page.waitForSelector('[data-page="home"]');
    await page.click('[data-user-menu]');
    const asked = requests.length;
    await page.click('[data-logout]');
    await page.waitForSelector('text=确定退出工会驿站工作台吗？').catch(async (error: Error) => {
      throw new Error(`${error.message}\nat ${page.url()}:\n${(await page.textContent('body'))?.slice(0, 500)}\nconsole: ${consoleLines.join('\n')}\nrequests: ${requests.slice(asked).join('\n')}`);
    });
    await Promise.all([page.waitForURL(`${front}/**`), page.click('button[name=logout]')]);
    await page.waitForSelector('#userName');
    const stored = await page.evaluate(() => JSON.stringify(sessionStorage));
    expect(stored).not.toContain('access_token');
  }, JOURNEY_MS);

  it('a street officer sees the street’s menu, accepts a wish waiting for moderation, and sees the dispatch board', async () => {
    await page.goto(`${front}/console/`);
    await signIn(page, printedOfficer('street_officer'));
    await page.waitForSelector('[data-page="home"]');
    expect(await menuOf(page)).toEqual(['驿站登记', '入会申请', '积分商城', '心愿审核', '需求清单', '派单', '志愿者', '排班', '活动', '关爱物资', '民生实事', '随手拍', '站内信', '零工审核', '招聘会', '零工数据', '经费', '法律援助']);
    await page.waitForSelector(`[data-user-menu] >> text=街道干部 · 街道 ${NODE}001`);
    await checkPage(page, 'home');

    await page.click('[data-menu="wishes"]');
    const wish = await page.waitForSelector('[data-accept]');
    const wishNo = (await wish.getAttribute('data-accept'))!;
    await checkPage(page, 'wishes');
    await wish.click();
    await page.waitForSelector(`text=心愿 ${wishNo} 已受理`);
    await page.waitForFunction((no) => !document.querySelector(`[data-accept="${no}"]`), wishNo, { timeout: 60_000 });
    await eventually(async () => {
      const answer = (await (await fetch(`${front}/api/wishes/wishes/no/${wishNo}`)).json()) as { status?: string };
      return answer.status === 'accepted' ? answer : undefined;
    }, { what: `wish ${wishNo} accepted in the wishes read model` });

    // 需求清单: the accepted wish's group decided as one task per wish; the tasks reach the dispatch board.
    await page.click('[data-menu="demand"]');
    const group = await page.waitForSelector('[data-decide]');
    const category = (await group.getAttribute('data-decide'))!;
    await checkPage(page, 'demand');
    await group.click();
    await page.waitForSelector('[data-send-decision]');
    const taskTitle = `府山街道测试任务 ${Date.now().toString(36)}`;
    await page.fill('.el-dialog input[aria-label="标题"]', taskTitle);
    await checkPage(page, 'demand-decide');
    const decided = await page.$$eval('.el-dialog .el-checkbox-group .el-checkbox', (boxes) => boxes.map((box) => box.textContent!.trim()));
    expect(decided.length).toBeGreaterThan(0);
    await page.click('[data-send-decision]');
    await page.waitForSelector('text=已决定');
    // The decided wishes leave the list. (Not necessarily the whole group: a wish of the same
    // category may come back to it meanwhile — dispatch cancelling one of the demo's tasks sends
    // its wish back to the demand list.)
    await page
      .waitForFunction(
        (numbers) => {
          const shown = [...document.querySelectorAll('[data-page="demand"] .el-table td')].map((cell) => cell.textContent!.trim());
          return !numbers.some((n) => shown.includes(n));
        },
        decided,
        { timeout: 60_000 },
      )
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\ndecided ${decided.join(', ')} (${category}); the list shows:\n${(await page.textContent('[data-page="demand"]'))?.slice(0, 1500)}`);
      });

    await page.click('[data-menu="tasks"]');
    await page.waitForSelector('[data-page="tasks"] .el-table');
    await eventually(async () => {
      if (await page.$(`[data-task="${taskTitle}"]`)) return true;
      // The board reads its list again when the filter changes (choosing the chosen one reads nothing): away and back.
      for (const filter of ['超期 / 已升级', '未完成']) {
        await Promise.all([page.waitForResponse((response) => response.url().includes('/api/dispatch/tasks/open')), page.click(`text=${filter}`)]);
      }
      return undefined;
    }, { what: 'the task of the decision on the dispatch board' });
    await checkPage(page, 'tasks');
    await page.click(`[data-task="${taskTitle}"]`);
    await page.waitForSelector('[data-invitations]');
    await checkPage(page, 'task-invitations');
    await page.keyboard.press('Escape');
    expect(leavingTheMachine(requests)).toEqual([]);
  }, JOURNEY_MS);

  it('a street officer registers a volunteer and rewards a 随手拍 report', async () => {
    await page.click('[data-menu="volunteers"]');
    await page.waitForSelector('[data-page="volunteers"] .el-table');
    await page.click('[data-register-volunteer]');
    await page.fill(field('volunteer-name'), '李志愿');
    await page.fill(field('volunteer-mobile'), '1380000');
    await page.click('[data-send-volunteer]');
    await page.waitForSelector('.el-dialog .el-form-item.is-error').catch(async (error: Error) => {
      throw new Error(`${error.message}\n${(await page.textContent('body'))?.slice(0, 800)}\n${consoleLines.slice(-5).join('\n')}`);
    });
    await checkPage(page, 'volunteer-register');
    await page.fill(field('volunteer-mobile'), '13800001234');
    await page.click('[data-send-volunteer]');
    const registered = (await (await page.waitForSelector('text=志愿者已登记')).textContent())!.match(/编号 (\S+)/)![1]!;
    // The roster pages on the server, the latest registered first: the new one is on the first page.
    // The roster is a read model: reload the screen until it has caught up (the 在册 tab, already
    // chosen, would not ask again).
    await eventually(async () => {
      if ((await page.textContent('[data-page="volunteers"] .el-table'))?.includes(registered)) return true;
      await page.reload();
      await page.waitForSelector('[data-page="volunteers"] .el-table__row', { timeout: 10_000 }).catch(() => undefined);
      return (await page.textContent('[data-page="volunteers"] .el-table'))?.includes(registered) ? true : undefined;
    }, { what: 'the new volunteer on the roster', timeoutMs: 120_000, everyMs: 1000 });
    expect(await page.textContent('[data-page="volunteers"] [aria-label="分页"]')).toContain('第 1 页');
    await checkPage(page, 'volunteers');

    const report = await callAsPage(page, '/api/wishes/reports', { json: { streetCode: `${NODE}001`, location: { lng: 118.87, lat: 28.94 }, text: '府山街道路口井盖缺失，夜间骑车危险' } });
    expect(report.status).toBe(201);
    await page.click('[data-menu="reports"]');
    const validate = await eventually(async () => {
      await page.click('[data-page="reports"] >> text=待审核');
      return (await page.waitForSelector(`[data-validate="${report.body.reportId}"]`, { timeout: 1000 }).catch(() => null)) ?? undefined;
    }, { what: 'the report in the street list' });
    await checkPage(page, 'reports');
    await validate.click();
    await page.click('[data-send-review]');
    await page.waitForSelector('text=已认定有效');
    await eventually(async () => {
      const answer = await callAsPage(page, `/api/wishes/reports/${report.body.reportId}`);
      return answer.body?.status === 'valid' ? true : undefined;
    }, { what: 'the report valid in the wishes read model' });
  }, JOURNEY_MS);

  it('a station manager edits the station (a stale edit is a conflict dialog), suspends and reopens it, publishes its notice, and downloads the poster', async () => {
    const { context: managerContext, page: manager } = await signedIn('station_manager', '/');
    try {
      await manager.waitForSelector('[data-page="home"]');
      expect(await menuOf(manager)).toEqual(['我的驿站', '心愿审核', '派单', '志愿者', '排班', '活动', '关爱物资', '民生实事', '站内信', '招聘会', '经费', '法律援助']);
      await manager.click('[data-menu="my-station"]');
      await manager.waitForSelector('[data-station-status]');
      await manager.waitForSelector('[data-qr]');
      await checkPage(manager, 'my-station');

      // Someone else changes the station while the manager's form is open: saving is a conflict, nothing is overwritten.
      await manager.click('[data-edit-station]');
      await manager.waitForSelector('[data-save-station]');
      const station = (await manager.evaluate(() => location.pathname)).endsWith('my-station');
      expect(station).toBe(true);
      const stationId = await manager.evaluate(() => {
        const key = Object.keys(sessionStorage).find((name) => name.startsWith('oidc.user:'))!;
        const token = (JSON.parse(sessionStorage.getItem(key)!) as { access_token: string }).access_token;
        return (JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { station: string }).station;
      });
      const other = await callAsPage(manager, `/api/stations/stations/${stationId}/update`, { json: { seats: 12 } });
      expect(other.status).toBe(200);
      await manager.fill(field('name'), '被覆盖的名称');
      await manager.click('[data-save-station]');
      await manager.waitForSelector('.conflict-dialog >> text=内容已被他人修改');
      await checkPage(manager, 'station-conflict');
      await manager.click('.conflict-dialog .el-button--primary');
      expect(await manager.textContent('[data-page="station"] h1')).not.toContain('被覆盖的名称');

      // The same edit on the version now shown goes through: open 07:00–21:00 every day.
      await manager.click('[data-edit-station]');
      await manager.waitForSelector('[data-save-station]');
      const checked = (selector: string) => manager.$eval(`${selector} input`, (input) => (input as HTMLInputElement).checked);
      if (await checked('[data-open24h]')) await manager.click('[data-open24h]');
      for (let day = 1; day <= 7; day++) {
        if (!(await checked(`[data-day="${day}"]`))) await manager.click(`[data-day="${day}"]`);
        await manager.fill(`input[data-open-time="${day}"]`, '07:00');
        await manager.fill(`input[data-close-time="${day}"]`, '21:00');
      }
      await manager.click('[data-save-station]');
      await manager.waitForSelector('text=驿站信息已保存');
      await manager.waitForSelector('[data-hours] >> text=每天 07:00–21:00');

      await manager.click('[data-suspend]');
      await manager.click('[data-send-suspend]');
      await manager.waitForSelector('.el-dialog .el-form-item.is-error >> text=此项必填');
      await manager.fill(field('suspend-reason'), '水管检修');
      await manager.click('[data-send-suspend]');
      await manager.waitForSelector('[data-station-status] >> text=暂停服务');
      await checkPage(manager, 'station-suspended');
      await manager.click('[data-reopen]');
      await manager.waitForSelector('[data-station-status] >> text=开放中');

      // 公示: the notice with a partner stationed; a partner without its kind and name is refused at its row, in Chinese.
      await manager.fill('textarea[aria-label="服务公约"]', '热情接待、免费开放、文明使用、共同维护');
      await manager.fill('input[aria-label="服务内容"]', '休息、饮水、热饭、充电、如厕');
      await manager.fill('input[aria-label="服务时间"]', '每天 07:00–21:00');
      await manager.fill('input[aria-label="站长姓名"]', '王丽');
      await manager.fill('input[aria-label="服务热线"]', '0570-8888000');
      // The demo may have published a notice with partners for this station: the manager replaces them.
      while (await manager.$('[data-partner="0"]')) await manager.click('button[aria-label="删除进驻单位 1"]');
      await manager.click('[data-add-partner]');
      await manager.click('[data-publish-notice]');
      const partnerError = await manager.waitForSelector('[data-partner="0"].is-error .el-form-item__error');
      expect(await partnerError.textContent()).toMatch(/[\u4e00-\u9fff]/);
      await manager.click('[data-partner="0"] input[aria-label="进驻单位 1 类型"]', { force: true });
      await manager.click('.el-select-dropdown__item:has-text("交警")');
      await manager.fill('[data-partner="0"] input[aria-label="进驻单位 1 名称"]', '柯城交警大队');
      await manager.click('[data-publish-notice]');
      await manager.waitForSelector('text=公示已发布');
      const { notice } = (await callAsPage(manager, `/api/stations/stations/${stationId}`)).body;
      expect(notice).toMatchObject({ managerName: '王丽', hotline: '0570-8888000', partners: [{ kind: 'traffic_police', label: '交警', name: '柯城交警大队' }] });
      expect(await manager.inputValue('[data-partner="0"] input[aria-label="进驻单位 1 名称"]')).toBe('柯城交警大队');
      await checkPage(manager, 'station-notice');

      const poster = await downloaded(manager, () => manager.click('[data-poster-pdf]'));
      expect(poster.bytes).toBeGreaterThan(10_000);

      await manager.click('[data-menu="wishes"]');
      await manager.waitForSelector('[data-page="wishes"] .el-table');
      await checkPage(manager, 'station-wishes');
    } finally {
      await managerContext.close();
    }
  }, JOURNEY_MS);

  it('a station manager is told of a new wish on the wall in 站内信 and marks it read; a district officer sees each delivery’s status', async () => {
    const { context: managerContext, page: manager } = await signedIn('station_manager', '/messages');
    try {
      await manager.waitForSelector('[data-page="messages"]');
      const stationId = await manager.evaluate(() => {
        const key = Object.keys(sessionStorage).find((name) => name.startsWith('oidc.user:'))!;
        const token = (JSON.parse(sessionStorage.getItem(key)!) as { access_token: string }).access_token;
        return (JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { station: string }).station;
      });
      // A rider posts a wish at the manager's station (the worker pages' public call).
      const posted = await fetch(`${front}/api/wishes/wishes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ stationId, category: 'repair', text: '饮水机不出热水了' }),
      });
      expect(posted.status).toBe(201);
      const wishNo = ((await posted.json()) as { wishNo: string }).wishNo;
      const message = await eventually(async () => {
        await manager.reload();
        await manager.waitForSelector('[data-page="messages"] .el-table');
        const rows = await manager.$$eval('[data-message]', (cells) => cells.map((cell) => ({ id: cell.getAttribute('data-message')!, read: cell.getAttribute('data-read'), text: cell.textContent ?? '' })));
        return rows.find((row) => row.text.includes(wishNo) && row.read === 'false');
      }, { what: `the new wish ${wishNo} in the manager’s 站内信`, timeoutMs: 60_000, everyMs: 1_000 });
      await checkPage(manager, 'messages');
      await manager.click(`[data-mark-read="${message.id}"]`);
      await manager.waitForSelector(`[data-message="${message.id}"][data-read="true"]`);
      await eventually(async () => {
        const inbox = await callAsPage(manager, '/api/notify/officer-inbox?limit=50');
        return inbox.body.items.find((item: { messageId: string }) => item.messageId === message.id)?.read === true;
      }, { what: 'the message read in notify’s read model' });
    } finally {
      await managerContext.close();
    }

    const { context: officerContext, page: officer } = await signedIn('district_officer', '/deliveries');
    try {
      await officer.waitForSelector('[data-delivery-summary] .el-table__row');
      await officer.waitForSelector('[data-delivery-status]');
      await checkPage(officer, 'deliveries');
      // What the table shows is what notify answers: the first row's status, from the service.
      const first = await callAsPage(officer, '/api/notify/deliveries?limit=1');
      expect(await officer.getAttribute('[data-delivery-status]', 'data-delivery-status')).toBe(first.body.items[0].status);
    } finally {
      await officerContext.close();
    }
  }, JOURNEY_MS);

  it('an ops_admin sees the read models and their lag, and rebuilds one', async () => {
    const { context: opsContext, page: ops } = await signedIn('ops_admin', '/ops');
    try {
      await ops.waitForSelector('[data-page="ops"] [data-rebuild]');
      expect(await menuOf(ops)).toEqual(['运维']);
      await checkPage(ops, 'ops');
      const name = (await ops.getAttribute('[data-rebuild]', 'data-rebuild'))!;
      await ops.click(`[data-rebuild="${name}"]`);
      await ops.click('.el-message-box__btns >> text=重建');
      await ops.waitForSelector(`text=「${name}」正在重建`);
      await ops.click('[data-service="membership"]');
      await ops.waitForSelector('[data-projections] .el-table__row');
    } finally {
      await opsContext.close();
    }
  }, JOURNEY_MS);
});
