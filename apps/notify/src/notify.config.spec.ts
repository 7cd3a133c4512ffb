import 'reflect-metadata';
import { notifyConfig, parseQuietHours } from './notify.config';

describe('notify settings from the environment', () => {
  it('sends nowhere by default: the message box and its development gateways only when asked for', () => {
    expect(notifyConfig({}).gateways).toEqual({ sms: { kind: 'off' }, wechat: { kind: 'off' }, push: { kind: 'off' } });
    expect(notifyConfig({}).devBox).toBe(false);
    const dev = notifyConfig({ NOTIFY_DEV_BOX: 'on', PUSH_GATEWAY: 'off' });
    expect(dev.gateways).toEqual({ sms: { kind: 'dev' }, wechat: { kind: 'dev' }, push: { kind: 'off' } });
  });

  it('publishes the VAPID key of a development node (browsers subscribe) while its pushes stay in the message box', () => {
    const keys = { VAPID_PUBLIC_KEY: 'B'.repeat(87), VAPID_PRIVATE_KEY: 'p'.repeat(43) };
    expect(notifyConfig({ NOTIFY_DEV_BOX: 'on', ...keys }).gateways.push).toEqual({ kind: 'dev', publicKey: keys.VAPID_PUBLIC_KEY });
    expect(notifyConfig({ NOTIFY_DEV_BOX: 'on', PUSH_GATEWAY: 'off', ...keys }).gateways.push).toEqual({ kind: 'off' });
    expect(notifyConfig({ NOTIFY_DEV_BOX: 'on', PUSH_GATEWAY: 'webpush', ...keys }).gateways.push).toMatchObject({ kind: 'webpush', publicKey: keys.VAPID_PUBLIC_KEY });
    expect(() => notifyConfig({ PUSH_GATEWAY: 'webpush' })).toThrow(/VAPID_PUBLIC_KEY/);
  });

  it('needs the credentials of a real gateway and refuses nonsense', () => {
    expect(() => notifyConfig({ SMS_GATEWAY: 'aliyun' })).toThrow(/SMS_ACCESS_KEY_ID/);
    const aliyun = notifyConfig({ SMS_GATEWAY: 'aliyun', SMS_ACCESS_KEY_ID: 'id', SMS_ACCESS_KEY_SECRET: 'secret', SMS_TEMPLATE_CODES: '{"invitation":"SMS_123"}' });
    expect(aliyun.gateways.sms).toMatchObject({ kind: 'aliyun', signName: '工会驿站', templateCodes: { invitation: 'SMS_123' } });
    expect(() => notifyConfig({ SMS_GATEWAY: 'tencent' })).toThrow(/SMS_GATEWAY/);
    expect(() => notifyConfig({ SMS_GATEWAY: 'aliyun', SMS_ACCESS_KEY_ID: 'id', SMS_ACCESS_KEY_SECRET: 's', SMS_TEMPLATE_CODES: '[1]' })).toThrow(/SMS_TEMPLATE_CODES/);
  });

  it('reads quiet hours as minutes of the Shanghai day', () => {
    expect(parseQuietHours('22:00-07:00')).toEqual({ from: 1320, to: 420 });
    expect(() => parseQuietHours('22-7')).toThrow(/HH:MM/);
  });
});
