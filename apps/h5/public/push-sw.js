/* 职工端 web push: shows what notify pushed (title, body) and opens its link on a tap. Scope /h5/. */
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = { body: event.data ? event.data.text() : '' };
  }
  const title = message.title || '工会驿站';
  event.waitUntil(
    self.registration.showNotification(title, {
      body: message.body || '',
      tag: message.messageId || undefined,
      icon: `${self.registration.scope}favicon.svg`,
      lang: 'zh-CN',
      data: { url: message.url || self.registration.scope },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.url || self.registration.scope, self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => w.url === target);
      return open ? open.focus() : self.clients.openWindow(target);
    }),
  );
});
