import { Browser, BrowserContext, BrowserContextOptions, devices } from 'playwright-core';

/** The phones the worker pages are tested on: an iPhone and a 360×640 Android (playwright-core's descriptors). */
export const PHONES = {
  iphone: devices['iPhone 13']!,
  android: devices['Moto G4']!,
} as const;
export type PhoneName = keyof typeof PHONES;

/**
 * A fresh phone (empty storage and cache) in Debian's Chromium: the descriptor's viewport,
 * touch and user agent; the browser engine it names is not ours to pick.
 */
export async function phoneContext(browser: Browser, phone: PhoneName, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const { defaultBrowserType: _engine, ...descriptor } = PHONES[phone];
  return browser.newContext({ ...descriptor, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
}
