import { api } from './api';
import type { ChannelState, InboxProof } from './inbox';

/** The service worker that shows the pushes (public/push-sw.js), over the worker pages only. */
const WORKER_URL = `${import.meta.env.BASE_URL}push-sw.js`;
const SCOPE = import.meta.env.BASE_URL;

/** Why this phone cannot take web push, in words for the worker (undefined: it can). */
export function pushUnsupportedReason(): string | undefined {
  if (!window.isSecureContext) return '网页推送需要通过 https 打开本页面；请用工会给出的正式网址打开。';
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
    return '这个浏览器不支持网页推送。消息仍会保存在这里，也可以用短信接收；在安卓手机上可换用系统浏览器或 Chrome。';
  }
  return undefined;
}

/** A failure the page shows as it is (plain Chinese), not as a server error. */
export class PushRefused extends Error {}

/** The node's VAPID public key (base64url), or null when the node sends no web push. */
const nodePublicKey = () => api<{ publicKey: string | null; gateway: string }>('notify', '/push/public-key');

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/**
 * 开通网页推送, after the worker agreed on the page: the browser's permission, a subscription to
 * the node's key, and the binding (consent recorded by notify). The subscription is the only
 * thing kept, sealed in notify's vault.
 */
export async function subscribeToPush(proof: InboxProof): Promise<ChannelState[]> {
  const unsupported = pushUnsupportedReason();
  if (unsupported) throw new PushRefused(unsupported);
  const { publicKey } = await nodePublicKey();
  if (!publicKey) throw new PushRefused('本节点暂未开通网页推送。');
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') {
    throw new PushRefused('浏览器没有允许通知。如需开通，请在浏览器的“网站设置 → 通知”里允许本网站，然后再点一次。');
  }
  let subscription: PushSubscription;
  try {
    const registration = await navigator.serviceWorker.register(WORKER_URL, { scope: SCOPE });
    await navigator.serviceWorker.ready;
    subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
  } catch {
    throw new PushRefused('这个浏览器没能开通推送（可能连不上浏览器厂商的推送服务）。消息仍会保存在这里。');
  }
  const json = subscription.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
  const answer = await api<{ channels: ChannelState[] }>('notify', '/inbox/bindings', {
    method: 'POST',
    json: { proof, channel: 'push', subscription: { endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } }, consent: true },
  });
  return answer.channels;
}

/** 解除网页推送: the browser forgets its subscription, notify deletes the stored one. */
export async function unsubscribeFromPush(proof: InboxProof): Promise<ChannelState[]> {
  if ('serviceWorker' in navigator) {
    const registration = await navigator.serviceWorker.getRegistration(SCOPE);
    const subscription = await registration?.pushManager.getSubscription();
    await subscription?.unsubscribe().catch(() => false);
  }
  return (await api<{ channels: ChannelState[] }>('notify', '/inbox/bindings/remove', { method: 'POST', json: { proof, channel: 'push' } })).channels;
}
