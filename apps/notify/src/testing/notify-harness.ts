import type { DynamicModule } from '@nestjs/common';
import { contactLookupSubject, recipientKey, recipientProofSubject } from '@ws/contracts';
import type { ContactLookupReply, ContactLookupRequest, Recipient, RecipientProof, RecipientProofReply } from '@ws/contracts';
import { serveRequests } from '@ws/messaging';
import type { Responder } from '@ws/messaging';
import { NATS, ProjectionsService } from '@ws/platform';
import type { BusConnection } from '@ws/messaging';
import { FakeAliyunSms, FakePushService, FakeWechat } from '@ws/testing';
import { ServiceHarness, testPlatformConfig } from '@ws/testing/service-app';
import type { Principal, Role } from '@ws/kernel';
import type { NotifyDatabase } from '../db/database';
import { notifyConfig } from '../notify.config';
import type { NotifyConfig } from '../notify.config';
import { NotifyModule } from '../notify.module';
import { NotifyScheduler } from '../scheduler/notify-scheduler';

/** 10:00 in Shanghai: outside the quiet hours. */
export const DAYTIME = new Date('2026-06-01T02:00:00.000Z');
const OWNERS = ['membership', 'wishes', 'dispatch', 'jobs'] as const;

/**
 * Notify in-process on a synthetic node of its own, with the fake Aliyun SMS API, WeChat API and
 * push service on local ports, and the owning services played by request responders here: the
 * contacts and proofs they would answer are set by the test. The clock is fixed (10:00 Shanghai)
 * and moved by the test; the scheduler runs on it, when the test calls tick().
 */
export class NotifyHarness extends ServiceHarness<NotifyDatabase> {
  readonly sms = new FakeAliyunSms();
  readonly wechat = new FakeWechat();
  readonly push = new FakePushService();
  /** What the owners answer for a recipient's SMS address (recipient key → reply). */
  readonly contacts = new Map<string, ContactLookupReply>();
  /** Every contact look-up the owners answered. */
  readonly lookups: ContactLookupRequest[] = [];
  /** Proofs the owners accept (JSON of the proof → recipients). */
  readonly proofs = new Map<string, Recipient[]>();
  private responders: Responder[] = [];

  private constructor(
    base: Awaited<ReturnType<typeof testPlatformConfig>>,
    private readonly overrides: Partial<NotifyConfig>,
  ) {
    super(base.config, base.database);
    this.clock.set(DAYTIME);
  }

  static async create(overrides: Partial<NotifyConfig> = {}): Promise<NotifyHarness> {
    const harness = new NotifyHarness(await testPlatformConfig('notify'), overrides);
    await Promise.all([harness.sms.start(), harness.wechat.start(), harness.push.start()]);
    await harness.start();
    return harness;
  }

  get origin(): string {
    return 'https://union.example.cn';
  }

  protected override module(): DynamicModule {
    const defaults = notifyConfig({});
    return NotifyModule.forRoot({
      config: this.config,
      clock: this.clock,
      notify: {
        ...defaults,
        publicOrigin: this.origin,
        gateways: {
          sms: { kind: 'aliyun', endpoint: `${this.sms.base}/`, accessKeyId: this.sms.accessKeyId, accessKeySecret: this.sms.accessKeySecret, signName: '工会驿站', templateCodes: {} },
          wechat: { kind: 'official', apiBase: this.wechat.base, appId: this.wechat.appId, appSecret: this.wechat.appSecret, templateIds: { invitation: 'tmpl-invitation', wish_accepted: 'tmpl-wish' } },
          push: { kind: 'webpush', publicKey: VAPID.publicKey, privateKey: VAPID.privateKey, subject: 'mailto:test@example.cn' },
        },
        pushEndpointOrigins: [new URL(this.push.base).origin],
        // Passes run when the test calls tick(), never behind its back.
        manualPasses: true,
        retryBaseMs: 1000,
        gatewayTimeoutMs: 500,
        lookupTimeoutMs: 1000,
        ...this.overrides,
      },
    });
  }

  override async start(): Promise<void> {
    await super.start();
    const nc = this.app.get<BusConnection>(NATS);
    const node = this.config.node.code;
    this.responders = OWNERS.flatMap((owner) => [
      serveRequests<ContactLookupRequest, ContactLookupReply>(nc, contactLookupSubject(node, owner), async (request) => {
        this.lookups.push(request);
        return this.contacts.get(recipientKey(request.recipient)) ?? { status: 'unknown_recipient' };
      }),
      serveRequests<RecipientProof, RecipientProofReply>(nc, recipientProofSubject(node, owner), async (proof) => {
        const recipients = this.proofs.get(JSON.stringify(proof));
        return recipients ? { status: 'ok', recipients } : { status: 'refused' };
      }),
    ]);
    await nc.flush();
  }

  override async stop(): Promise<void> {
    await Promise.all(this.responders.map((r) => r.stop()));
    this.responders = [];
    await super.stop();
  }

  override async close(): Promise<void> {
    await super.close();
    await Promise.all([this.sms.stop(), this.wechat.stop(), this.push.stop()]);
  }

  /** Where the service answers (a redirect is followed by fetch unless asked not to). */
  url(path: string): string {
    return `${this.base}${path}`;
  }

  /** A scheduler pass now: due deliveries, reminders, the digest (failing if it fails). */
  async tick(): Promise<void> {
    await this.app.get(NotifyScheduler).run();
  }

  /** The events on the bus taken in (messages composed), their own events published and the read models current. */
  override async settle(): Promise<void> {
    await this.app.get(ProjectionsService).catchUp();
    await super.settle();
  }

  /** Everything on the bus applied (messages composed, read models current), then the due deliveries sent. */
  async deliver(): Promise<void> {
    await this.settle();
    await this.tick();
    await this.settle();
  }

  /** A worker's proof the fake owner accepts for `recipients`. */
  prove(proof: RecipientProof, ...recipients: Recipient[]): RecipientProof {
    this.proofs.set(JSON.stringify(proof), recipients);
    return proof;
  }

  async deliveryStatus(messageId: string): Promise<Record<string, string>> {
    const rows = await this.db.selectFrom('delivery_status').select(['channel', 'status']).where('message_id', '=', messageId).execute();
    return Object.fromEntries(rows.map((r) => [r.channel, r.status]));
  }
}

/** A fixed VAPID key pair for tests (web-push's generateVAPIDKeys format). */
export const VAPID = {
  publicKey: 'BNj9WksTegQA7cavjcW0S___Tb64a9EzRqPdip9I5lob6kj_OrNePh7vm3n_qTx65N11eRhkqpeAwdev806YXmM',
  privateKey: 'Tnw2xJHoMDEN7HikXN16w0cLkg4ur41q3WCZ7d_5kkA',
};
