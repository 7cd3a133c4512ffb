import { jetstreamManager } from '@ws/testing/nats';
import { connect } from '@ws/testing/nats';
import { Client } from 'pg';
import type { StationRegistered, TaskCompleted, TaskCreated } from '@ws/contracts';
import { newId } from '@ws/kernel';
import { eventually, FakeAliyunSms, NATS_URL } from '@ws/testing';
import { syntheticPerson } from '../apps/membership/src/demo/synthetic-people';
import { LoopCluster, LOOP_TIMEOUT_MS } from '../apps/wishes/src/testing/loop-cluster';

/**
 * Notify as a built process beside the services whose events it tells (wishes, dispatch,
 * membership), on one synthetic node with real Postgres and NATS, sending SMS to the fake Aliyun
 * gateway of this test (signatures checked). No quiet hours, so the test reads the same at night.
 */
const SMS = new FakeAliyunSms();
const notifyEnv = () => ({
  SMS_GATEWAY: 'aliyun',
  SMS_ENDPOINT: `${SMS.base}/`,
  SMS_ACCESS_KEY_ID: SMS.accessKeyId,
  SMS_ACCESS_KEY_SECRET: SMS.accessKeySecret,
  WECHAT_GATEWAY: 'off',
  PUSH_GATEWAY: 'off',
  NOTIFY_QUIET_HOURS: '00:00-00:00',
  NOTIFY_POLL_MS: '100',
  NOTIFY_CLAIM_MS: '3000',
  NOTIFY_RETRY_BASE_MS: '200',
  NOTIFY_DAILY_CAP: '50',
  PUBLIC_ORIGIN: 'https://union.example.cn',
  LOG_LEVEL: 'info',
});

const shortCodeOf = (link: string | undefined) => link?.split('/s/')[1] ?? '';

describe('notify across processes (built dist, real Postgres and NATS, fake SMS gateway)', () => {
  // The built services (npm test builds first; building here would rewrite dist under other suites' processes).
  beforeAll(async () => {
    await SMS.start();
  });
  afterAll(async () => SMS.stop());

  describe('wish authors', () => {
    const WISHES = 25;
    let cluster: LoopCluster;
    let pg: Client;

    beforeAll(async () => {
      cluster = new LoopCluster({ env: { notify: notifyEnv() } });
      await cluster.start('wishes');
      await cluster.start('notify');
      pg = new Client({ connectionString: cluster.databaseUrl('notify') });
      await pg.connect();
    }, 120_000);
    afterAll(async () => {
      await pg?.end();
      await cluster?.close();
    }, 60_000);

    it('tells each author every status in order, exactly once, by SMS and in the inbox, while notify is SIGKILLed mid-burst', async () => {
      const station = await cluster.registerStation();
      const manager = await cluster.token('station_manager', { station: station.stationId });
      const officer = await cluster.token('street_officer', { street: cluster.street });
      const wishes: Array<{ wishId: string; wishNo: string; authorKey: string; mobile: string }> = [];
      for (let i = 0; i < WISHES; i++) {
        const mobile = `1580000${String(1000 + i)}`;
        const posted = await eventually(async () => {
          const result = await cluster.http('wishes', 'POST', '/wishes', { body: { stationId: station.stationId, category: 'repair', text: `第 ${i} 个充电桩坏了`, contact: mobile, smsConsent: true } });
          return result.status === 201 ? (result.body as { wishId: string; wishNo: string; authorKey: string }) : undefined;
        }, { what: 'station known to wishes', timeoutMs: LOOP_TIMEOUT_MS });
        wishes.push({ ...posted, mobile });
        await cluster.ok('wishes', 'POST', `/wishes/${posted.wishId}/accept`, { token: manager });
      }
      const decision = await cluster.ok('wishes', 'POST', `/streets/${cluster.street}/decisions`, { token: officer, body: { category: 'repair', mode: 'individual_tasks', wishIds: wishes.map((w) => w.wishId) } });
      // What dispatch would publish for each wish: the task, its start and its completion.
      const publishTask = async (wishId: string) => {
        const taskId = newId();
        const volunteerId = newId();
        const created: TaskCreated['data'] = {
          taskId, source: { decisionId: decision.decisionId, wishIds: [wishId] }, streetCode: cluster.street, category: 'repair', requiredSkill: 'repair',
          title: '维修', location: null, stationId: station.stationId, scheduledAt: null, seats: null, deadline: decision.deadline, mode: 'individual',
        };
        const completed: TaskCompleted['data'] = {
          taskId, wishIds: [wishId], decisionId: decision.decisionId, volunteerId, streetCode: cluster.street, stationId: station.stationId,
          proof: { notes: '已修好', photoRefs: [], attendees: null }, hours: 1,
        };
        await cluster.publish('dispatch', 'task', taskId, 'TaskCreated', created);
        await cluster.publish('dispatch', 'task', taskId, 'TaskStarted', { taskId, volunteerId, wishIds: [wishId] });
        await cluster.publish('dispatch', 'task', taskId, 'TaskCompleted', completed);
      };
      for (const wish of wishes.slice(0, 12)) await publishTask(wish.wishId);
      const ours = () => SMS.sent.filter((s) => wishes.some((w) => w.mobile === s.phone));
      await eventually(async () => ours().length >= 20, { what: 'the burst under way', timeoutMs: 60_000 });
      await cluster.kill('notify');
      const atKill = ours().length;
      for (const wish of wishes.slice(12)) await publishTask(wish.wishId);
      await cluster.restart('notify');

      await eventually(async () => ours().length >= WISHES * 4, { what: `${WISHES * 4} SMS`, timeoutMs: 180_000, everyMs: 250 });
      await new Promise((resolve) => setTimeout(resolve, 1500)); // nothing more comes
      expect(atKill).toBeLessThan(WISHES * 4);
      const expected = ['SMS_WS_WISH_ACCEPTED', 'SMS_WS_WISH_DISPATCHED', 'SMS_WS_WISH_IN_PROGRESS', 'SMS_WS_WISH_COMPLETED'];
      for (const wish of wishes) {
        expect(`${wish.wishNo}: ${SMS.to(wish.mobile).map((s) => s.templateCode).join(' ')}`).toBe(`${wish.wishNo}: ${expected.join(' ')}`);
        expect(SMS.to(wish.mobile).every((s) => s.params['no'] === wish.wishNo)).toBe(true);
      }
      expect(SMS.refusedSignatures).toBe(0);

      // The inbox, read with the author's proof (checked by the wishes service), has the same four, newest first.
      for (const wish of wishes.slice(0, 3).concat(wishes.slice(-3))) {
        const inbox = await cluster.ok('notify', 'POST', '/inbox/query', { body: { proof: { kind: 'wish_author', wishNo: wish.wishNo, authorKey: wish.authorKey } } });
        expect(inbox.items.map((m: { kind: string }) => m.kind)).toEqual(['wish_completed', 'wish_in_progress', 'wish_dispatched', 'wish_accepted']);
      }
      const wrong = await cluster.http('notify', 'POST', '/inbox/query', { body: { proof: { kind: 'wish_author', wishNo: wishes[0]!.wishNo, authorKey: wishes[1]!.authorKey } } });
      expect(wrong.status).toBe(401);

      // Each read of a contact is in the wishes service's access log; notify keeps no mobile anywhere.
      const wishesDb = new Client({ connectionString: cluster.databaseUrl('wishes') });
      await wishesDb.connect();
      const reads = await wishesDb.query<{ n: string }>(`select count(*) as n from contact_access_log where actor = 'service:notify'`);
      await wishesDb.end();
      expect(Number(reads.rows[0]!.n)).toBeGreaterThanOrEqual(WISHES * 4);
      const leaks = await scanDatabase(pg, wishes.map((w) => w.mobile));
      expect(leaks).toEqual([]);
      expect(wishes.filter((w) => cluster.logs('notify').includes(w.mobile))).toEqual([]);
    }, 360_000);
  });

  describe('volunteers and applicants', () => {
    let cluster: LoopCluster;
    let station: StationRegistered['data'];

    beforeAll(async () => {
      cluster = new LoopCluster({
        env: { notify: notifyEnv(), membership: { MEMBERSHIP_JOIN_MOBILE_CODE: 'required', LOG_LEVEL: 'info' }, dispatch: { LOG_LEVEL: 'info' } },
      });
      await Promise.all([cluster.start('wishes'), cluster.start('dispatch'), cluster.start('membership'), cluster.start('notify')]);
      station = await cluster.registerStation();
    }, 180_000);
    afterAll(async () => cluster?.close(), 60_000);

    it("delivers a volunteer's invitation by SMS, and the volunteer signs in by mobile and code and accepts it from its link", async () => {
      const volunteer = await cluster.volunteer('first_aid_trainer', cluster.street, { smsConsent: true });
      const manager = await cluster.token('station_manager', { station: station.stationId });
      const officer = await cluster.token('street_officer', { street: cluster.street });
      const wish = await eventually(async () => {
        const posted = await cluster.http('wishes', 'POST', '/wishes', { body: { stationId: station.stationId, category: 'first_aid_training', text: '想学心肺复苏' } });
        return posted.status === 201 ? (posted.body as { wishId: string }) : undefined;
      }, { what: 'station known to wishes', timeoutMs: LOOP_TIMEOUT_MS });
      await cluster.ok('wishes', 'POST', `/wishes/${wish.wishId}/accept`, { token: manager });
      await cluster.ok('wishes', 'POST', `/streets/${cluster.street}/decisions`, {
        token: officer,
        body: { category: 'first_aid_training', mode: 'individual_tasks', wishIds: [wish.wishId] },
      });
      const invitationSms = await eventually(async () => SMS.to(volunteer.mobile).find((s) => s.templateCode === 'SMS_WS_INVITATION'), { what: 'the invitation SMS', timeoutMs: 60_000 });
      expect(invitationSms.params['link']).toMatch(/^https:\/\/union\.example\.cn\/s\//);

      // The link: the short code leads to the invitation's page of the worker pages.
      const followed = await fetch(`${cluster.url('notify')}/s/${shortCodeOf(invitationSms.params['link'])}`, { redirect: 'manual' });
      expect(followed.status).toBe(302);
      const invitationId = /\/h5\/#\/volunteer\/invitations\/([0-9a-f-]{36})$/.exec(followed.headers.get('location') ?? '')?.[1];
      expect(invitationId).toBeDefined();

      // The page signs the volunteer in with an SMS code (delivered through notify), then accepts.
      expect((await cluster.http('dispatch', 'POST', '/volunteer-sessions/codes', { body: { mobile: volunteer.mobile } })).status).toBe(202);
      const code = await eventually(async () => SMS.to(volunteer.mobile).find((s) => s.templateCode === 'SMS_WS_VERIFICATION_CODE')?.params['code'], { what: 'the sign-in code', timeoutMs: LOOP_TIMEOUT_MS });
      const wrongCode = await cluster.http('dispatch', 'POST', '/volunteer-sessions', { body: { mobile: volunteer.mobile, code: code === '000000' ? '111111' : '000000' } });
      expect(wrongCode.status).toBe(422);
      const session = await cluster.ok('dispatch', 'POST', '/volunteer-sessions', { body: { mobile: volunteer.mobile, code } });
      const pending = (await cluster.ok('dispatch', 'GET', '/volunteers/me/invitations?status=pending', { token: session.token })) as Array<{ invitationId: string; taskId: string }>;
      const invitation = pending.find((i) => i.invitationId === invitationId)!;
      await cluster.ok('dispatch', 'POST', `/tasks/${invitation.taskId}/invitations/${invitationId}/accept`, { token: session.token });
      const inbox = await cluster.ok('notify', 'POST', '/inbox/query', { body: { proof: { kind: 'volunteer', token: session.token } } });
      expect(inbox.items.map((m: { kind: string; link: string }) => [m.kind, m.link])).toEqual([['invitation', `/h5/#/volunteer/invitations/${invitationId}`]]);
    }, 180_000);

    it("sends an applicant's approval with the card number to the gateway, the mobile proven by an SMS code, and no personal data anywhere else", async () => {
      const person = syntheticPerson(Math.floor(Math.random() * 1_000_000));
      const officer = await cluster.token('district_officer');
      const union = await cluster.ok('membership', 'POST', '/unions', { token: officer, body: { name: '柯城区外卖配送行业联合工会', kind: 'joint', occupations: ['rider'] } });
      const application = { ...person, occupation: 'rider', unionId: union.unionId, smsConsent: true };
      const withoutCode = await cluster.http('membership', 'POST', '/applications', { body: application });
      expect([withoutCode.status, withoutCode.body.code]).toEqual([422, 'mobile_code_required']);
      expect((await cluster.http('membership', 'POST', '/applications/mobile-codes', { body: { mobile: person.mobile } })).status).toBe(202);
      const code = await eventually(async () => SMS.to(person.mobile).find((s) => s.templateCode === 'SMS_WS_VERIFICATION_CODE')?.params['code'], { what: 'the join code', timeoutMs: LOOP_TIMEOUT_MS });
      const submitted = await cluster.ok('membership', 'POST', '/applications', { body: { ...application, mobileCode: code } });
      await cluster.ok('membership', 'POST', `/applications/${submitted.applicationId}/approve`, { token: officer });
      const approved = await eventually(async () => SMS.to(person.mobile).find((s) => s.templateCode === 'SMS_WS_APPLICATION_APPROVED'), { what: 'the approval SMS', timeoutMs: 60_000 });
      const member = (await cluster.ok('membership', 'POST', '/applications/lookup', { body: { number: submitted.applicationNumber, mobile: person.mobile } })) as { cardNumber: string };
      expect(approved.params['card']).toBe(member.cardNumber);
      expect(SMS.to(person.mobile).map((s) => s.templateCode)).toEqual(['SMS_WS_VERIFICATION_CODE', 'SMS_WS_APPLICATION_RECEIVED', 'SMS_WS_APPLICATION_APPROVED']);
      // The gateway got the mobile as the number to send to, and neither the name nor the ID number.
      expect(JSON.stringify(SMS.to(person.mobile).map((s) => s.params))).not.toMatch(new RegExp(`${person.name}|${person.idNumber}|${person.mobile}`));

      const secrets = [person.name, person.mobile, person.idNumber, code];
      const leaks: string[] = [];
      for (const service of ['notify', 'membership'] as const) {
        const db = new Client({ connectionString: cluster.databaseUrl(service) });
        await db.connect();
        const tables = service === 'notify' ? undefined : ['events', 'outbox'];
        leaks.push(...(await scanDatabase(db, secrets, tables)).map((leak) => `${service}.${leak}`));
        await db.end();
      }
      leaks.push(...(await scanStream(cluster.streams.evt, secrets)));
      for (const service of ['notify', 'membership', 'dispatch'] as const) leaks.push(...secrets.filter((s) => cluster.logs(service).includes(s)).map((s) => `log ${service}: ${s}`));
      expect(leaks).toEqual([]);
    }, 180_000);
  });
});

/** Every row of the given tables (default: all of the schema) as text, searched for the secrets. */
async function scanDatabase(db: Client, secrets: string[], tables?: string[]): Promise<string[]> {
  const names = tables ?? (await db.query<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = 'public'`)).rows.map((r) => r.name);
  const leaks: string[] = [];
  for (const table of names) {
    const { rows } = await db.query<{ row: string }>(`select row_to_json(t)::text as row from "${table}" t`);
    for (const { row } of rows) for (const secret of secrets) if (row.includes(secret)) leaks.push(`${table}: ${secret}`);
  }
  return leaks;
}

/** Every message of the node's stream, headers and body, searched for the secrets. */
async function scanStream(stream: string, secrets: string[]): Promise<string[]> {
  const nc = await connect({ servers: NATS_URL });
  const jsm = await jetstreamManager(nc);
  const { state } = await jsm.streams.info(stream);
  const leaks: string[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
    if (!message) continue;
    const headers = message.header ? [...message.header.keys()].map((k) => `${k}: ${message.header.get(k)}`).join('\n') : '';
    const text = `${message.subject}\n${headers}\n${new TextDecoder().decode(message.data)}`;
    for (const secret of secrets) if (text.includes(secret)) leaks.push(`bus #${seq}: ${secret}`);
  }
  await nc.close();
  return leaks;
}
