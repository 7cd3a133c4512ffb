import { KNOWN_PUSH_SERVICES, pushEndpointAllowed } from './push-endpoints';

describe('push endpoints a subscription may name', () => {
  it('takes the known push services, subdomains only where the entry says so', () => {
    expect(pushEndpointAllowed('https://fcm.googleapis.com/fcm/send/abc', KNOWN_PUSH_SERVICES)).toBe(true);
    expect(pushEndpointAllowed('https://wns2-sg2p.notify.windows.com/w/?token=x', KNOWN_PUSH_SERVICES)).toBe(true);
    expect(pushEndpointAllowed('https://notify.windows.com.evil.cn/w', KNOWN_PUSH_SERVICES)).toBe(false);
    expect(pushEndpointAllowed('https://evil.fcm.googleapis.com/x', KNOWN_PUSH_SERVICES)).toBe(false);
  });

  it('refuses the node’s own network, plain http, another port and what is not a URL', () => {
    expect(pushEndpointAllowed('http://fcm.googleapis.com/fcm/send/abc', KNOWN_PUSH_SERVICES)).toBe(false);
    expect(pushEndpointAllowed('https://fcm.googleapis.com:8443/fcm/send/abc', KNOWN_PUSH_SERVICES)).toBe(false);
    expect(pushEndpointAllowed('https://127.0.0.1/push/1', KNOWN_PUSH_SERVICES)).toBe(false);
    expect(pushEndpointAllowed('http://10.0.0.5:5432/', KNOWN_PUSH_SERVICES)).toBe(false);
    expect(pushEndpointAllowed('not a url', KNOWN_PUSH_SERVICES)).toBe(false);
  });

  it('takes a service a deployment (or a test) lists, with its port', () => {
    expect(pushEndpointAllowed('http://127.0.0.1:41234/push/1', ['http://127.0.0.1:41234'])).toBe(true);
    expect(pushEndpointAllowed('http://127.0.0.1:41235/push/1', ['http://127.0.0.1:41234'])).toBe(false);
  });
});
