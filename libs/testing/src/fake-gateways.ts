import { createDecipheriv, createECDH, createHmac, createPublicKey, ECDH, randomBytes, verify } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How a fake gateway answers the next calls: normally, with a 500, by never answering, or with a refusal code. */
export type FakeBehaviour = 'ok' | 'http_500' | 'hang' | { code: string };

abstract class FakeHttpServer {
  private server?: Server;
  private readonly hanging = new Set<ServerResponse>();
  private queue: FakeBehaviour[] = [];
  /** What every call gets once the queue of special answers is used up. */
  behaviour: FakeBehaviour = 'ok';
  base = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.handle(req, res, Buffer.concat(chunks)).catch((error: unknown) => {
          res.statusCode = 500;
          res.end(String(error));
        });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The next `count` calls answer with `behaviour`, then as `this.behaviour` again. */
  next(behaviour: FakeBehaviour, count = 1): void {
    for (let i = 0; i < count; i++) this.queue.push(behaviour);
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }

  /** The behaviour for this call; 'hang' and 'http_500' are answered here, the rest by the caller. */
  protected take(res: ServerResponse): 'ok' | { code: string } | undefined {
    const behaviour = this.queue.shift() ?? this.behaviour;
    if (behaviour === 'hang') {
      this.hanging.add(res);
      return undefined;
    }
    if (behaviour === 'http_500') {
      json(res, 500, { message: 'internal error' });
      return undefined;
    }
    return behaviour;
  }

  protected abstract handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface FakeSms {
  phone: string;
  signName: string;
  templateCode: string;
  params: Record<string, string>;
  outId: string;
  bizId: string;
  at: number;
}

/**
 * The Aliyun SMS API (dysmsapi 2017-05-25, RPC style) on a local port: checks every request's
 * HMAC-SHA1 signature with the shared secret (a wrong one is refused as Aliyun does), records
 * SendSms calls, answers QuerySendDetails from them, and can push status reports (SmsReport) to
 * the receipt URL.
 */
export class FakeAliyunSms extends FakeHttpServer {
  readonly sent: FakeSms[] = [];
  /** Requests refused for a bad signature. */
  refusedSignatures = 0;
  /** Where status reports go after each accepted SMS, if set. */
  reportTo?: string;
  reportDelayMs = 300;
  private seq = 0;

  constructor(readonly accessKeyId = 'test-access-key', readonly accessKeySecret = 'test-access-secret') {
    super();
  }

  protected async handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const params = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
    const { Signature: signature, ...signed } = params;
    const canonical = Object.keys(signed).sort().map((k) => `${percentEncode(k)}=${percentEncode(signed[k]!)}`).join('&');
    const expected = createHmac('sha1', `${this.accessKeySecret}&`).update(`${req.method}&${percentEncode('/')}&${percentEncode(canonical)}`).digest('base64');
    if (signature !== expected || signed['AccessKeyId'] !== this.accessKeyId) {
      this.refusedSignatures++;
      return json(res, 400, { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.' });
    }
    if (signed['Action'] === 'QuerySendDetails') {
      const day = signed['SendDate'];
      const details = this.sent
        .filter((s) => s.phone === signed['PhoneNumber'] && new Date(s.at + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '') === day)
        .map((s) => ({ PhoneNum: s.phone, SendStatus: 3, ErrCode: 'DELIVERED', TemplateCode: s.templateCode, OutId: s.outId, SendDate: new Date(s.at).toISOString() }));
      return json(res, 200, { Code: 'OK', TotalCount: details.length, SmsSendDetailDTOs: { SmsSendDetailDTO: details } });
    }
    const behaviour = this.take(res);
    if (!behaviour) return;
    if (behaviour !== 'ok') return json(res, 200, { Code: behaviour.code, Message: 'refused', RequestId: `r${++this.seq}` });
    const sms: FakeSms = {
      phone: signed['PhoneNumbers']!,
      signName: signed['SignName']!,
      templateCode: signed['TemplateCode']!,
      params: JSON.parse(signed['TemplateParam'] ?? '{}') as Record<string, string>,
      outId: signed['OutId'] ?? '',
      bizId: `biz-${++this.seq}`,
      at: Date.now(),
    };
    this.sent.push(sms);
    json(res, 200, { Code: 'OK', Message: 'OK', BizId: sms.bizId, RequestId: `r${this.seq}` });
    if (this.reportTo) {
      const reportTo = this.reportTo;
      const report = [{ phone_number: sms.phone, send_time: new Date(sms.at).toISOString(), report_time: new Date().toISOString(), success: true, err_code: 'DELIVERED', err_msg: '用户接收成功', sms_size: '1', biz_id: sms.bizId, out_id: sms.outId }];
      // The report comes a little later, as from a handset, and again while the receiver answers a non-zero code.
      const push = async (tries: number): Promise<void> => {
        const answer = (await (await fetch(reportTo, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(report) })).json()) as { code?: number };
        if (answer.code !== 0 && tries > 1) setTimeout(() => void push(tries - 1).catch(() => undefined), this.reportDelayMs);
      };
      setTimeout(() => void push(20).catch(() => undefined), this.reportDelayMs);
    }
  }

  /** What the number received, in order. */
  to(phone: string): FakeSms[] {
    return this.sent.filter((s) => s.phone === phone);
  }
}

export interface FakeWechatMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/** The WeChat 公众号 API on a local port: `cgi-bin/token` and `message/subscribe/bizsend`. */
export class FakeWechat extends FakeHttpServer {
  readonly sent: FakeWechatMessage[] = [];
  tokensIssued = 0;
  private validToken = '';

  constructor(readonly appId = 'wx-test-app', readonly appSecret = 'wx-test-secret') {
    super();
  }

  /** The next send is refused as if the token had expired (40001). */
  expireToken(): void {
    this.validToken = 'expired';
  }

  protected async handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    if (url.pathname === '/cgi-bin/token') {
      if (url.searchParams.get('appid') !== this.appId || url.searchParams.get('secret') !== this.appSecret) return json(res, 200, { errcode: 40125, errmsg: 'invalid appsecret' });
      this.validToken = `token-${++this.tokensIssued}`;
      return json(res, 200, { access_token: this.validToken, expires_in: 7200 });
    }
    if (url.pathname !== '/cgi-bin/message/subscribe/bizsend') return json(res, 404, {});
    if (url.searchParams.get('access_token') !== this.validToken) return json(res, 200, { errcode: 40001, errmsg: 'invalid credential' });
    const behaviour = this.take(res);
    if (!behaviour) return;
    if (behaviour !== 'ok') return json(res, 200, { errcode: Number(behaviour.code), errmsg: 'refused' });
    this.sent.push(JSON.parse(body.toString('utf8')) as FakeWechatMessage);
    json(res, 200, { errcode: 0, errmsg: 'ok', msgid: this.sent.length });
  }
}

export interface FakePush {
  subscription: string;
  authorization: string;
  ttl: string;
  encoding: string;
  bytes: number;
  /** The encrypted message as it arrived (aes128gcm: header, then one record). */
  body: Buffer;
}

/** A push service (RFC 8030) on a local port: `POST /push/<id>` takes an encrypted message. */
export class FakePushService extends FakeHttpServer {
  readonly received: FakePush[] = [];
  /** Subscriptions that are gone (410): the browser unsubscribed. */
  readonly gone = new Set<string>();

  endpoint(id: string): string {
    return `${this.base}/push/${id}`;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const id = (req.url ?? '').replace(/^\/push\//, '');
    if (this.gone.has(id)) return json(res, 410, {});
    const behaviour = this.take(res);
    if (!behaviour) return;
    if (behaviour !== 'ok') return json(res, Number(behaviour.code), {});
    this.received.push({
      subscription: id,
      authorization: String(req.headers['authorization'] ?? ''),
      ttl: String(req.headers['ttl'] ?? ''),
      encoding: String(req.headers['content-encoding'] ?? ''),
      bytes: body.length,
      body,
    });
    res.writeHead(201, { location: `${this.base}/messages/${this.received.length}` });
    res.end();
  }
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/**
 * A browser's side of web push, for tests: its own P-256 key pair and auth secret (what a real
 * PushSubscription holds), the subscription JSON for an endpoint, and the decryption of what a
 * push service delivers (RFC 8291, aes128gcm content coding of RFC 8188), written out here so the
 * test does not trust the sender's library to check itself.
 */
export class PushSubscriber {
  private readonly ecdh: ECDH = createECDH('prime256v1');
  readonly p256dh: string;
  readonly auth: string;

  constructor() {
    this.p256dh = this.ecdh.generateKeys().toString('base64url');
    this.auth = randomBytes(16).toString('base64url');
  }

  subscription(endpoint: string): { endpoint: string; keys: { p256dh: string; auth: string } } {
    return { endpoint, keys: { p256dh: this.p256dh, auth: this.auth } };
  }

  /** The plaintext of one aes128gcm message sent to this subscriber (throws if it was not for us). */
  decrypt(body: Buffer): string {
    const salt = body.subarray(0, 16);
    const idLength = body.readUInt8(20);
    const senderKey = body.subarray(21, 21 + idLength);
    const record = body.subarray(21 + idLength);
    const ikmKey = hmac(Buffer.from(this.auth, 'base64url'), this.ecdh.computeSecret(senderKey));
    const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), Buffer.from(this.p256dh, 'base64url'), senderKey, Buffer.from([1])]);
    const prk = hmac(salt, hmac(ikmKey, keyInfo));
    const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
    const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    // The last record ends with the delimiter 0x02, then zero padding.
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end--;
    if (padded[end] !== 2) throw new Error('aes128gcm: no last-record delimiter');
    return padded.subarray(0, end).toString('utf8');
  }
}

/**
 * Checks a VAPID Authorization header (RFC 8292, `vapid t=<JWT>, k=<key>`): the key is the
 * expected one, the ES256 signature holds, the audience is the push service's origin and it has
 * not expired. Answers the JWT's claims.
 */
export function verifyVapid(authorization: string, publicKey: string, audience: string): { aud: string; exp: number; sub: string } {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(authorization);
  if (!match) throw new Error(`not a VAPID authorization: ${authorization}`);
  const [, token, key] = match;
  if (key !== publicKey) throw new Error('VAPID key is not the node\'s');
  const [header, claims, signature] = token!.split('.') as [string, string, string];
  const point = Buffer.from(publicKey, 'base64url');
  const jwk = { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') };
  const valid = verify('sha256', Buffer.from(`${header}.${claims}`), { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  if (!valid) throw new Error('VAPID signature does not hold');
  const parsed = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { aud: string; exp: number; sub: string };
  if (parsed.aud !== audience) throw new Error(`VAPID audience ${parsed.aud}, expected ${audience}`);
  if (parsed.exp * 1000 < Date.now()) throw new Error('VAPID token expired');
  return parsed;
}
