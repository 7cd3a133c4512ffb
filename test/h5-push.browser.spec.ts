import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, FakePushService, PushSubscriber, verifyVapid } from '@ws/testing';
import type { LaunchedFederation } from '../apps/dashboard/testing/launched-federation';
import { leavingTheMachine, recordRequests } from '../apps/dashboard/testing/page-requests';
import { phoneContext } from '../apps/dashboard/testing/phones';
import { asOfficer, checkPage, getJson, H5_NODE as NODE, startH5Node, stopH5Node } from './h5-pages';

/**
 * 网页推送 on the worker pages (issues 11 and 12), on a phone against a node started by npm
 * start's launcher with PUSH_GATEWAY=webpush. Headless Chromium has no push service, so an init
 * script stands in for PushManager.subscribe: it answers a subscription whose endpoint is a fake
 * push service on this machine and whose keys the test made (so the test can read what arrives).
 * Everything else is real: the service worker, the consent, the binding, notify's VAPID-signed
 * aes128gcm push, and the service worker showing it.
 */
let federation: LaunchedFederation | undefined;
let browser: Browser;
let front: string;
let stationId: string;
const pushService = new FakePushService();

const api = (service: 'wishes' | 'notify', path: string) => `${federation!.url(NODE, service)}${path}`;

/** Runs in the page before its scripts: PushManager answers the test's subscription (see above). */
function fakePushManager({ endpoint, p256dh, auth }: { endpoint: string; p256dh: string; auth: string }): void {
  const SUBSCRIBED = 'test.push.subscribed';
  const toBase64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const fromBase64url = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4)), (c) => c.charCodeAt(0)).buffer;
  const subscription = () => ({
    endpoint,
    expirationTime: null,
    options: { userVisibleOnly: true },
    getKey: (name: string) => (name === 'p256dh' ? fromBase64url(p256dh) : name === 'auth' ? fromBase64url(auth) : null),
    toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
    unsubscribe: async () => {
      sessionStorage.removeItem(SUBSCRIBED);
      sessionStorage.setItem('test.push.unsubscribed', String(Number(sessionStorage.getItem('test.push.unsubscribed') ?? 0) + 1));
      return true;
    },
  });
  PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
    const key = options?.applicationServerKey;
    sessionStorage.setItem('test.push.key', key instanceof Uint8Array ? toBase64url(key) : String(key));
    sessionStorage.setItem(SUBSCRIBED, '1');
    return subscription() as unknown as PushSubscription;
  };
  PushManager.prototype.getSubscription = async function () {
    return (sessionStorage.getItem(SUBSCRIBED) ? subscription() : null) as unknown as PushSubscription | null;
  };
}

/** A wish posted from this phone (its number and author key kept, as WishPostView keeps them). */
async function wishFromThisPhone(page: Page): Promise<{ wishId: string; wishNo: string; authorKey: string }> {
  const posted = (await (await fetch(`${front}/api/wishes/wishes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ stationId, category: 'legal_advice', text: '想咨询劳动合同' }),
  })).json()) as { wishId: string; wishNo: string; authorKey: string };
  await eventually(async () => (await fetch(api('wishes', `/wishes/no/${posted.wishNo}`))).ok, { what: 'the wish on its status page' });
  await page.goto(`${front}/h5/`);
  const kept = JSON.stringify([{ wishNo: posted.wishNo, authorKey: posted.authorKey, stationName: '驿站', categoryLabel: '法律咨询', postedAt: new Date().toISOString() }]);
  await page.evaluate(`localStorage.setItem('ws.wishes.mine', ${JSON.stringify(kept)})`);
  return posted;
}

/** notify's delivery of one kind to the wish's author by push, once it is no longer waiting (what officers see). */
async function pushDelivery(wishId: string, kind: string): Promise<{ status: string; error: string | null }> {
  return eventually(async () => {
    const { items } = (await asOfficer('GET', api('notify', `/deliveries?channel=push&kind=${kind}&limit=200`))) as { items: Array<{ recipient: { kind: string; id: string } | null; status: string; error: string | null }> };
    const found = items.find((d) => d.recipient?.kind === 'wish_author' && d.recipient.id === wishId);
    return found && found.status !== 'pending' ? found : undefined;
  }, { what: `the ${kind} push delivery settled` });
}

describe('职工端 网页推送: a worker turns web push on in 消息 and hears back on the phone', () => {
  beforeAll(async () => {
    await pushService.start();
    // Quiet hours off: the wish's messages go out whatever the hour the test runs at.
    ({ federation, browser, front } = await startH5Node({ DEMO_VISITS_SCALE: '0.02', DEMO_MEMBERS_SCALE: '0.02', DEMO_WISHES_SCALE: '0.05', DEMO_VOLUNTEERS_SCALE: '0.1', PUSH_GATEWAY: 'webpush', PUSH_ENDPOINT_ORIGINS: new URL(pushService.base).origin, NOTIFY_QUIET_HOURS: '00:00-00:00' }));
    const printed = /扫码打卡 landing (\S+)/.exec(federation.output());
    if (!printed) throw new Error(`the launcher printed no landing URL:\n${federation.output()}`);
    stationId = new URL(printed[1]!).pathname.split('/').pop()!;
  }, 420_000);

  afterAll(async () => {
    await stopH5Node(federation, browser);
    await pushService.stop();
  });

  it('开通网页推送 (Android): consent in plain Chinese, the node’s VAPID key, an encrypted push when the wish moves on, shown by the service worker; 解除 stops them', async () => {
    const { publicKey, gateway } = (await getJson(`${front}/api/notify/push/public-key`)) as { publicKey: string; gateway: string };
    expect(gateway).toBe('webpush');
    expect(Buffer.from(publicKey, 'base64url')).toHaveLength(65); // an uncompressed P-256 point: the node's generated key
    const phoneKeys = new PushSubscriber();
    const subscriptionId = randomUUID();
    const context: BrowserContext = await phoneContext(browser, 'android', { permissions: ['notifications'] });
    await context.addInitScript(fakePushManager, { endpoint: pushService.endpoint(subscriptionId), p256dh: phoneKeys.p256dh, auth: phoneKeys.auth });
    const page = await context.newPage();
    const requests = recordRequests(page);
    const wish = await wishFromThisPhone(page);

    await page.goto(`${front}/h5/inbox`);
    await page.waitForSelector('[data-channel="push"][data-bound="false"] [data-push-subscribe]');
    await page.click('[data-push-subscribe]');
    const consent = await page.textContent('[data-push-consent]');
    expect(consent).toContain('只用来给您发通知');
    expect(consent).toContain('不保存您的姓名、手机号或位置');
    expect(consent).toContain('解除网页推送');
    await page.evaluate(`document.querySelector('[data-channel="push"]').scrollIntoView({ block: 'start' })`);
    await checkPage(page, 'inbox-push');
    await page.click('[data-push-consent-agree]');
    await page.waitForSelector('[data-channel="push"][data-bound="true"] [data-push-unsubscribe]');
    expect(await page.textContent('[data-push-note]')).toContain('已开通网页推送');
    expect(await page.evaluate(`sessionStorage.getItem('test.push.key')`)).toBe(publicKey);
    const worker = await page.evaluate(`navigator.serviceWorker.getRegistration('/h5/').then((r) => r && { scope: r.scope, script: r.active && r.active.scriptURL })`);
    expect(worker).toEqual({ scope: `${front}/h5/`, script: `${front}/h5/push-sw.js` });
    await page.evaluate(`document.querySelector('[data-channel="push"]').scrollIntoView({ block: 'start' })`);
    await checkPage(page, 'inbox-push-bound');

    // The officer accepts the wish: notify pushes to the endpoint, signed with the node's key, readable by this phone only.
    await asOfficer('POST', api('wishes', `/wishes/${wish.wishId}/accept`));
    const pushed = await eventually(async () => pushService.received.find((p) => p.subscription === subscriptionId), { what: 'a push at the fake push service' });
    expect(pushed.encoding).toBe('aes128gcm');
    verifyVapid(pushed.authorization, publicKey, pushService.base);
    const payload = JSON.parse(phoneKeys.decrypt(pushed.body)) as { title: string; body: string; url: string; kind: string };
    expect(payload).toMatchObject({ kind: 'wish_accepted', title: '心愿已受理', body: expect.stringContaining(wish.wishNo) });
    // The link is the message's short link on the node's front, leading to the wish's status page.
    expect(payload.url.startsWith(`${front}/s/`)).toBe(true);
    expect((await fetch(payload.url, { redirect: 'manual' })).headers.get('location')).toContain(wish.wishNo);
    expect(await pushDelivery(wish.wishId, 'wish_accepted')).toMatchObject({ status: 'sent' });

    // The service worker shows what arrived (DevTools' push, with the decrypted payload as the browser would hand it over).
    const cdp = await context.newCDPSession(page);
    const registrationId = new Promise<string>((resolve) =>
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }: { registrations: Array<{ registrationId: string; scopeURL: string; isDeleted: boolean }> }) => {
        const found = registrations.find((r) => r.scopeURL === `${front}/h5/` && !r.isDeleted);
        if (found) resolve(found.registrationId);
      }),
    );
    await cdp.send('ServiceWorker.enable');
    const id = await Promise.race([registrationId, new Promise<string>((_, reject) => setTimeout(() => reject(new Error('no service worker registration reported by DevTools')), 10_000))]);
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: front, registrationId: id, data: phoneKeys.decrypt(pushed.body) });

    const shown = await eventually(
      async () => {
        const notes = (await page.evaluate(`navigator.serviceWorker.getRegistration('/h5/').then((r) => r.getNotifications()).then((ns) => ns.map((n) => ({ title: n.title, body: n.body, url: n.data && n.data.url })))`)) as Array<{ title: string; body: string; url: string }>;
        return notes.length > 0 ? notes : undefined;
      },
      { what: 'the notification shown by the service worker' },
    );
    expect(shown).toEqual([{ title: '心愿已受理', body: payload.body, url: payload.url }]);

    // A tap on it. Headless Chromium cannot tap a system notification, so the worker's own
    // notificationclick handler runs with the notification it showed; clients.openWindow needs a
    // real tap's activation, so the window it asks for is recorded instead of opened.
    const serviceWorker = context.serviceWorkers().find((w) => w.url() === `${front}/h5/push-sw.js`);
    if (!serviceWorker) throw new Error('the page has no running /h5/push-sw.js');
    const tap = (await serviceWorker.evaluate(`(async () => {
      const opened = [];
      Clients.prototype.openWindow = async (url) => { opened.push(url); return null; };
      const [notification] = await self.registration.getNotifications();
      const event = new NotificationEvent('notificationclick', { notification });
      const settled = [];
      event.waitUntil = (promise) => settled.push(promise);
      self.dispatchEvent(event);
      await Promise.all(settled);
      return { opened, left: (await self.registration.getNotifications()).length };
    })()`)) as { opened: string[]; left: number };
    expect(tap).toEqual({ opened: [payload.url], left: 0 });

    // 解除网页推送: the browser forgets the subscription, notify deletes it; the next status reaches the inbox only.
    await page.click('[data-push-unsubscribe]');
    await page.waitForSelector('[data-channel="push"][data-bound="false"] [data-push-subscribe]');
    expect(await page.textContent('[data-push-note]')).toContain('已解除网页推送');
    expect(await page.evaluate(`sessionStorage.getItem('test.push.unsubscribed')`)).toBe('1');
    const street = (await getJson(api('wishes', `/wishes/no/${wish.wishNo}`))).streetCode as string;
    await asOfficer('POST', api('wishes', `/streets/${street}/decisions`), { category: 'legal_advice', mode: 'answer_only', wishIds: [wish.wishId], answer: '每周三驿站有律师坐班' });
    const proof = { kind: 'wish_author', wishNo: wish.wishNo, authorKey: wish.authorKey };
    await eventually(async () => {
      const inbox = (await (await fetch(`${front}/api/notify/inbox/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ proof }) })).json()) as { items: Array<{ kind: string }> };
      return inbox.items.some((m) => m.kind === 'wish_completed');
    }, { what: 'the completed wish in the inbox' });
    // The message was composed without the push channel (nothing bound): no delivery to wait for, none made.
    const { items: completedPushes } = (await asOfficer('GET', api('notify', '/deliveries?channel=push&kind=wish_completed&limit=200'))) as { items: Array<{ recipient: { id: string } | null }> };
    expect(completedPushes.filter((d) => d.recipient?.id === wish.wishId)).toEqual([]);
    expect(pushService.received.filter((p) => p.subscription === subscriptionId)).toHaveLength(1);
    await page.reload();
    await page.waitForSelector('[data-message][data-kind="wish_completed"]');
    await page.waitForSelector('[data-channel="push"][data-bound="false"]');
    expect(leavingTheMachine(requests)).toEqual([]);
    await context.close();
  }, 120_000);

  it('says so in plain Chinese when the browser refuses notifications or cannot take push', async () => {
    const refusing = await phoneContext(browser, 'iphone');
    const page = await refusing.newPage();
    await wishFromThisPhone(page);
    await page.goto(`${front}/h5/inbox`);
    await page.click('[data-channel="push"] [data-push-subscribe]');
    await page.evaluate(`Object.defineProperty(Notification, 'requestPermission', { value: () => Promise.resolve('denied') })`);
    await page.click('[data-push-consent-agree]');
    expect(await page.textContent('[data-push-problem]')).toContain('浏览器没有允许通知');
    expect(await page.getAttribute('[data-channel="push"]', 'data-bound')).toBe('false');
    await refusing.close();

    const old = await phoneContext(browser, 'android');
    await old.addInitScript(`delete window.PushManager`);
    const oldPage = await old.newPage();
    await wishFromThisPhone(oldPage);
    await oldPage.goto(`${front}/h5/inbox`);
    await oldPage.click('[data-channel="push"] [data-push-subscribe]');
    expect(await oldPage.textContent('[data-push-problem]')).toContain('这个浏览器不支持网页推送');
    expect(await oldPage.locator('[data-push-consent]').count()).toBe(0);
    await old.close();
  });
});
