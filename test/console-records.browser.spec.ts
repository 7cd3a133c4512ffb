import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { eventually } from '@ws/testing';
import { callAsPage, checkConsolePage, chooseOption, closeDistrictConsole, consoleMenu, dialogSelect, type DistrictConsole, field, openDistrictConsole } from '../apps/dashboard/testing/console-pages';

/**
 * A district's year of work recorded in 工作台 (issue 14), in Chromium against a real node (柯城
 * as npm start runs it, one launch for every journey of this file): activities and their
 * sign-ups, welfare stock and handouts, programmes with quotas, budgets and spending, legal-aid
 * cases. Each screen passes axe and is saved to docs/screenshots/console-*.png.
 */
const JOURNEY_MS = 240_000;

let session: DistrictConsole | undefined;
let page: Page;

describe('工作台: a district records its year of work', () => {
  beforeAll(async () => {
    session = await openDistrictConsole();
    ({ page } = session);
  }, 600_000);

  afterAll(() => closeDistrictConsole(session), 120_000);

  it('the district officer’s menu opens on the home screen', async () => {
    expect((await consoleMenu(page)).length).toBeGreaterThan(5);
    await checkConsolePage(page, 'records-home');
  }, JOURNEY_MS);

  // ── activities (活动) ──

  /** Today and a day ahead in Beijing (the activities' days). */
  const beijingDay = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
  /** A date typed as an officer would, then left with Tab (the picker reads the text as it closes). */
  async function typeDay(name: string, day: string) {
    await page.fill(field(name), day);
    await page.press(field(name), 'Tab');
    await page.waitForFunction(([selector, text]) => (document.querySelector(selector) as HTMLInputElement | null)?.value === text, [`[data-field="${name}"] input`, day] as const);
  }
  const fieldError = (text: string) => page.waitForSelector(`.el-dialog:visible .el-form-item.is-error >> text=${text}`, { timeout: 30_000 });
  const shown = (selector: string, text: string) =>
    page.waitForFunction(([s, t]) => document.querySelector(s)?.textContent?.trim() === t, [selector, text] as const, { timeout: 60_000 });

  it('活动: the demo year paged by the service, filtered by state and kind', async () => {
    await page.click('[data-menu="activities"]');
    await page.waitForSelector('[data-page="activities"] [data-activities] .el-table__row');
    const first = (await callAsPage(page, '/api/stations/activities?limit=20')).body as { items: Array<{ title: string }>; next: string | null };
    expect(first.items.length).toBeGreaterThan(0);
    expect(await page.$$eval('[data-activities] .el-table__body tr', (rows) => rows.length)).toBe(first.items.length);
    if (first.next) {
      await page.click('[data-page="activities"] .pager >> text=下一页');
      await page.waitForSelector('[data-page="activities"] .pager >> text=第 2 页');
      await page.click('[data-page="activities"] .pager >> text=上一页');
    }
    await page.click('[data-page="activities"] .el-radio-button >> text=已举办');
    await eventually(async () => {
      const states = await page.$$eval('[data-activities] [data-status]', (tags) => tags.map((tag) => tag.getAttribute('data-status')));
      return states.length > 0 && states.every((state) => state === 'held') ? true : undefined;
    }, { what: 'only held activities listed' });
    await page.click('[data-page="activities"] .el-radio-button >> text=全部');
    await checkConsolePage(page, 'activities');
  }, JOURNEY_MS);

  it('活动: planned (empty fields and a closed station refused at their fields), signed up for, moved, held with the people reached, another cancelled', async () => {
    // A station of the street the dialog opens on, closed through the API (as another officer would).
    const streets = (await callAsPage(page, '/api/stations/streets')).body.items as Array<{ code: string; stations: number }>;
    const street = streets.find((s) => s.stations > 0) ?? streets[0]!;
    const open = ((await callAsPage(page, `/api/stations/stations?street=${street.code}&status=active&limit=1`)).body.items as Array<{ name: string; lng: number; lat: number }>)[0]!;
    const registered = await callAsPage(page, '/api/stations/stations', {
      json: {
        name: '活动测试驿站', kind: 'station', tier: 'community', host: 'union_built', streetCode: street.code, communityCode: null,
        address: '测试路 1 号', location: { lng: open.lng, lat: open.lat }, hours: { open24h: true }, seats: 4,
      },
    });
    expect(registered.status).toBe(201);
    expect((await callAsPage(page, `/api/stations/stations/${registered.body.stationId}/close`, { json: { reason: '场地收回' } })).status).toBe(200);
    await eventually(async () => ((await callAsPage(page, `/api/stations/stations/${registered.body.stationId}`)).body?.status === 'closed' ? true : undefined), { what: 'the closed station in the directory' });

    await page.click('[data-plan-activity]');
    await page.waitForSelector('.el-dialog:visible form[data-stations-loaded="true"]');
    await page.click('[data-send-activity]');
    await fieldError('日期须为 YYYY-MM-DD');
    await fieldError('此项必填');

    await chooseOption(page, dialogSelect('活动类型'), '急救培训');
    await page.fill(field('title'), '急救包扎培训（测试）');
    await chooseOption(page, dialogSelect('驿站'), '活动测试驿站（已关闭）');
    await page.fill(field('organiser'), '柯城区总工会');
    // A partner typed into the list, and taken with Enter (as many as there are).
    await page.click('.el-dialog:visible .el-select:has(input[aria-label="合作单位"]) .el-select__wrapper');
    await page.keyboard.type('区红十字会');
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '区红十字会' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.el-dialog:visible [data-field="partners"] .el-tag >> text=区红十字会');
    await page.click('.el-dialog:visible .el-dialog__title'); // the list closes as the select loses focus
    await typeDay('plannedOn', beijingDay(1));
    await page.click('[data-field="takesSignUps"]');
    await page.fill(field('places'), '2');
    await page.press(field('places'), 'Tab');
    await page.click('[data-send-activity]');
    await fieldError('驿站已关闭，不能在此安排活动');
    await checkConsolePage(page, 'activity-plan');

    await chooseOption(page, dialogSelect('驿站'), open.name);
    await page.click('[data-send-activity]');
    await page.waitForSelector('[data-activity-detail]', { timeout: 60_000 });
    await shown('[data-activity-place]', open.name);
    await shown('[data-activity-partners]', '区红十字会');
    const planned = ((await callAsPage(page, '/api/stations/activities?kind=first_aid_training&status=planned&limit=50')).body.items as Array<{ activityId: string; title: string }>).find((a) => a.title === '急救包扎培训（测试）')!;

    // Three phones sign up for two places: two take them, the third waits.
    for (const key of ['console-phone-0001', 'console-phone-0002', 'console-phone-0003']) {
      expect((await callAsPage(page, `/api/stations/activities/${planned.activityId}/signups`, { json: { key } })).status).toBe(200);
    }
    await page.click('.el-dialog:visible .el-dialog__footer >> text=关闭');
    await eventually(async () => {
      await page.click('[data-page="activities"] .el-radio-button >> text=计划中');
      await page.click(`[data-open-activity="急救包扎培训（测试）"]`, { timeout: 10_000 });
      await page.waitForSelector('[data-activity-detail]');
      const count = await page.textContent('[data-count="waitlisted"]');
      if (count?.trim() === '1') return true;
      await page.click('.el-dialog:visible .el-dialog__footer >> text=关闭');
      return undefined;
    }, { what: 'the sign-ups counted', timeoutMs: 60_000 });
    expect(await page.textContent('[data-count="confirmed"]')).toBe('2');
    expect(await page.textContent('[data-count="places"]')).toBe('2');

    // Held today, before its planned day: refused at the day; moved to today, then held (more new-form workers than people refused at that count).
    await page.fill(field('participants'), '30');
    await page.fill(field('newFormParticipants'), '40');
    await page.press(field('newFormParticipants'), 'Tab');
    await page.click('[data-record-held]');
    await fieldError('举办日期早于计划日期');
    await typeDay('movedTo', beijingDay());
    await page.click('[data-reschedule]');
    await shown('[data-planned-on]', beijingDay());
    await page.click('[data-record-held]');
    await fieldError('新就业形态劳动者人数不能多于参加总人数');
    await checkConsolePage(page, 'activity');
    await page.fill(field('newFormParticipants'), '22');
    await page.press(field('newFormParticipants'), 'Tab');
    // A photo of the day, uploaded as it is chosen (a PNG made here; the node keeps it as a JPEG without EXIF).
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#d35400' } }).png().toBuffer();
    await page.setInputFiles('.el-dialog:visible [data-field="photos"] input[type=file]', { name: '义诊现场.png', mimeType: 'image/png', buffer: photo });
    await page.waitForSelector('.el-dialog:visible [data-field="photos"] .el-upload-list__item.is-success', { timeout: 60_000 });
    await page.click('[data-record-held]');
    await shown('[data-activity-status]', '已举办');
    expect(await page.textContent('[data-count="participants"]')).toBe('30');
    expect(await page.textContent('[data-count="newFormParticipants"]')).toBe('22');
    const recorded = (await callAsPage(page, `/api/stations/activities/${planned.activityId}`)).body as { photos: string[] };
    expect(recorded).toMatchObject({ status: 'held', participants: 30, newFormParticipants: 22, plannedOn: beijingDay(), photos: [expect.stringMatching(/^ph_/)] });
    // Its thumbnail, served by the node through a signed link: an image the browser decoded.
    await page.waitForFunction(() => {
      const image = document.querySelector<HTMLImageElement>('[data-activity-photos] img');
      return image !== null && image.complete && image.naturalWidth === 320;
    }, undefined, { timeout: 30_000 });
    await checkConsolePage(page, 'activity-held');
    await page.click('.el-dialog:visible .el-dialog__footer >> text=关闭');

    // A street's activity, called off: the reason asked for at its field.
    const night = await callAsPage(page, '/api/stations/activities', { json: { streetCode: street.code, kind: 'job_fair', title: '夜市招聘会（测试）', organiser: '柯城区总工会', plannedOn: beijingDay(3) } });
    expect(night.status).toBe(201);
    await eventually(async () => {
      await page.click('[data-page="activities"] .el-radio-button >> text=全部');
      await page.click('[data-page="activities"] .el-radio-button >> text=计划中');
      return (await page.$('[data-open-activity="夜市招聘会（测试）"]')) ? true : undefined;
    }, { what: 'the street activity listed', timeoutMs: 60_000 });
    await page.click('[data-open-activity="夜市招聘会（测试）"]');
    await page.click('[data-cancel-activity]');
    await fieldError('此项必填');
    await page.fill(field('cancelReason'), '台风预警，活动取消');
    await page.click('[data-cancel-activity]');
    await shown('[data-activity-status]', '已取消');
    await page.click('.el-dialog:visible .el-dialog__footer >> text=关闭');
  }, JOURNEY_MS);

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

  /** A form field's text box in the open dialog (a closed one stays in the page, hidden; data-field is on the <input>/<textarea> of an el-input, on a wrapper of the others). */
  const fundsField = (name: string) => `.el-dialog:visible input[data-field="${name}"], .el-dialog:visible textarea[data-field="${name}"], .el-dialog:visible [data-field="${name}"] input`;
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
    await chooseOption(page, dialogSelect('支出类别'), '书籍报刊');
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

    // The budget's spending records, from the service's list: the spend just recorded, its category, day and 元, and the balance.
    await page.click(`[data-records="${budgetId}"]`);
    await fundsShows('[data-spending-totals]', '预算 2,000.00 元，已支出 0.29 元，余额 1,999.71 元');
    await page.waitForSelector('.el-dialog:visible [data-spendings] .el-table__row');
    const recorded = await page.$$eval('.el-dialog:visible [data-spendings] .el-table__row', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim())));
    expect(recorded).toEqual([[beijingDay(), '书籍报刊', '0.29', '新华书店柯城分店']]);
    await checkConsolePage(page, 'funds-spending');
    await page.keyboard.press('Escape');
  }, JOURNEY_MS);

  it('法律援助: a case received with the worker sealed, their details opened on demand, mediated, settled with 元 recovered, closed, the details erased at the worker’s request; the year’s counts move', async () => {
    await page.click('[data-menu="legal-aid"]');
    await page.waitForSelector('[data-page="legal-aid"] [data-cases] .el-table__row');
    await page.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-figure="settled"]')?.textContent ?? ''));
    const settledBefore = Number(await page.textContent('[data-figure="settled"]'));
    await checkConsolePage(page, 'legal-aid');

    await page.click('[data-receive-case]');
    await page.waitForFunction(() => (document.querySelector('.el-dialog [data-field="streetCode"]')?.textContent ?? '').includes('个驿站'));
    await chooseOption(page, dialogSelect('案件类型'), '欠薪');
    await chooseOption(page, dialogSelect('当事人职业'), '外卖骑手');
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
    await chooseOption(page, dialogSelect('结案结果'), '达成调解协议');
    await page.click('[data-close-case]');
    await fundsShows('[data-case-status]', '已结案');

    // 删除当事人信息 at the worker's request: confirmed with a reason (refused at its field while empty); the case then shows the details erased.
    await page.click('[data-erase-worker]');
    await page.waitForSelector(fundsField('erasureReason'));
    await page.click('[data-confirm-erasure]');
    await page.waitForSelector('.el-dialog:visible .el-form-item.is-error >> text=删除理由不能为空');
    await checkConsolePage(page, 'legal-aid-erasure');
    await page.fill(fundsField('erasureReason'), '当事人申请删除个人信息');
    await page.click('[data-confirm-erasure]');
    await page.waitForSelector('[data-worker-erased]', { timeout: 60_000 });
    expect(await page.textContent('[data-worker-erased]')).toContain('当事人申请删除个人信息');
    expect(await page.$('[data-open-worker]')).toBeNull();
    expect(await page.textContent('[data-case-status]')).toBe('已结案');
    await checkConsolePage(page, 'legal-aid-erased');
    await page.click('.el-dialog__footer >> text=关闭');

    const listed = await callAsPage(page, '/api/stations/legal-aid/cases?state=closed&limit=200');
    expect((listed.body.items as Array<{ caseId: string }>).find((c) => c.caseId === caseId)).toMatchObject({
      kind: 'wage_arrears', occupation: 'rider', recoveredFen: 1_280_050, outcome: 'agreement', workerErasureReason: '当事人申请删除个人信息',
    });
    expect((await callAsPage(page, `/api/stations/legal-aid/cases/${caseId}/worker`)).status).toBe(410);
    await fundsShows('[data-figure="settled"]', String(settledBefore + 1));
  }, JOURNEY_MS);

  it('no page error on any of the screens', () => {
    expect(session!.consoleLines.filter((line) => line.includes('pageerror'))).toEqual([]);
  });
});
