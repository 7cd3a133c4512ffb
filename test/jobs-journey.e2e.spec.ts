import { idNumberCheckCode, shanghaiToday } from '@ws/contracts';
import { announceTestKey, officerToken } from '@ws/testing/officer-tokens';
import { eventually } from '@ws/testing';
import { type LaunchedFederation, launchFederation } from '../apps/dashboard/testing/launched-federation';

/**
 * 零工之家 end to end across processes (issue 15): npm start's launcher runs the chain 浙江 ← 衢州 ←
 * 柯城 from the built dist, each node with its own nats-server (per-service permissions) and
 * databases. An employer registers with the SMS code from the development message box → the
 * union approves it → its posting goes up → a seeker 3 km away is told of it by notify (a
 * job_matched message in the message box and in the seeker's notify inbox, read with their jobs
 * token as proof) → applies → is invited → accepts → is hired → the hire counts in the
 * province's report figures. A seeker 40 km away is told nothing.
 */
const PROVINCE = '33';
const NODE = '330802';
const STREET = `${NODE}001`;
/** A place of work in 柯城; the seekers' homes are due north of it. */
const WORK = { lng: 118.874, lat: 28.936 };
const north = (km: number) => ({ lng: WORK.lng, lat: Math.round((WORK.lat + km / 111.32) * 1000) / 1000 });
const ALL_DAY = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '07:00', to: '20:00' }));

interface BoxEntry {
  seq: number;
  to: string;
  text: string;
  kind?: string;
}

let federation: LaunchedFederation | undefined;
const url = (code: string, service: 'jobs' | 'notify', path: string) => `${federation!.url(code, service)}${path}`;

async function send(method: string, target: string, body?: unknown, token?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(target, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function ok(method: string, target: string, body?: unknown, token?: string, expected = [200, 201, 202]): Promise<any> {
  const result = await send(method, target, body, token);
  if (!expected.includes(result.status)) throw new Error(`${method} ${target} → ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

async function box(): Promise<BoxEntry[]> {
  return (await ok('GET', url(NODE, 'notify', '/messages/box.json'))).items as BoxEntry[];
}

const toMobile = (entry: BoxEntry, mobile: string) => entry.to.endsWith(mobile.slice(-4));

/** The SMS code for `mobile` the message box got after `after`. */
async function codeFor(mobile: string, after: number): Promise<string> {
  return eventually(async () => {
    const entry = (await box()).filter((e) => e.seq > after && toMobile(e, mobile) && /\b\d{6}\b/.test(e.text)).sort((a, b) => b.seq - a.seq)[0];
    return entry && /\b(\d{6})\b/.exec(entry.text)![1]!;
  }, { what: `an SMS code for …${mobile.slice(-4)}`, timeoutMs: 60_000 });
}

async function registrationCode(mobile: string, account: 'seeker' | 'employer'): Promise<string> {
  const before = Math.max(0, ...(await box()).map((e) => e.seq));
  await ok('POST', url(NODE, 'jobs', '/accounts/codes'), { mobile, purpose: 'register', account });
  return codeFor(mobile, before);
}

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
function newPerson(): { mobile: string; idNumber: string } {
  const first17 = `330802${1970 + Math.floor(Math.random() * 30)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}${digits(3)}`;
  return { mobile: `137${digits(8)}`, idNumber: `${first17}${idNumberCheckCode(first17)}` };
}

async function registerSeeker(name: string, home: { lng: number; lat: number }): Promise<{ seekerId: string; token: string; mobile: string }> {
  const person = newPerson();
  const code = await registrationCode(person.mobile, 'seeker');
  const registered = await ok('POST', url(NODE, 'jobs', '/seekers'), {
    name,
    idNumber: person.idNumber,
    mobile: person.mobile,
    code,
    home,
    preferences: { categories: ['housekeeping'], skills: ['cooking'], payModes: ['daily'], homeStreetCode: STREET, travelRadiusKm: 10, availability: ALL_DAY },
  });
  return { ...(registered as { seekerId: string; token: string }), mobile: person.mobile };
}

async function hiresAt(code: string, role: 'province_officer' | 'district_officer', day: string): Promise<number> {
  const figures = await ok('GET', url(code, 'jobs', `/report-figures?from=${day}&to=${day}`), undefined, await officerToken(code, { role }));
  return Number(figures.figures.hires);
}

describe('零工之家 across processes: registered, approved, posted, pushed through notify, hired, counted at the province', () => {
  beforeAll(async () => {
    federation = await launchFederation(
      { PG_CONNECT_TIMEOUT_MS: '20000', DEMO_VISITS_SCALE: '0.02', DEMO_MEMBERS_SCALE: '0.02', DEMO_WISHES_SCALE: '0.05', DEMO_VOLUNTEERS_SCALE: '0.1', NOTIFY_QUIET_HOURS: '00:00-00:00' },
      'chain',
    );
    await federation.waitForLine(/演示数据已全部载入/, 420_000);
    for (const code of [PROVINCE, '3308', NODE]) await announceTestKey(federation.natsUrl(code), code, federation.natsCaFile);
  }, 480_000);

  afterAll(async () => {
    if (federation) {
      await federation.interrupt(60_000).catch(() => undefined);
      await federation.remove();
    }
  }, 120_000);

  it('an employer registers → approved → posting up → the seeker 3 km away is told by notify → applies → invited → hired → counted at the province; the seeker 40 km away is told nothing', async () => {
    const day = shanghaiToday(new Date());
    const officer = await officerToken(NODE, { role: 'street_officer', street: STREET });

    // Two seekers wanting 家政, up to 10 km from home: one lives 3 km from the work, one 40 km.
    const near = await registerSeeker('庞秀英', north(3));
    const far = await registerSeeker('李桂兰', north(40));

    // The employer registers with the code from the message box and asks for review; the union approves.
    const employerMobile = newPerson().mobile;
    const employerCode = await registrationCode(employerMobile, 'employer');
    const employer = (await ok('POST', url(NODE, 'jobs', '/employers'), {
      kind: 'company', name: `衢州驿站测试家政有限公司${digits(4)}`, creditCode: '91350100M000100Y43', mobile: employerMobile, code: employerCode, streetCode: STREET,
    })) as { employerId: string; token: string };
    await ok('POST', url(NODE, 'jobs', '/employers/me/review'), undefined, employer.token);
    await ok('POST', url(NODE, 'jobs', `/employers/${employer.employerId}/approve`), {}, officer);

    // Its posting goes up: drafted, submitted, approved by the street.
    const provinceHiresBefore = await hiresAt(PROVINCE, 'province_officer', day);
    const drafted = await ok('POST', url(NODE, 'jobs', '/postings'), {
      category: 'housekeeping', payMode: 'daily', pay: { minFen: 2500, maxFen: 3500, unit: 'hour' }, headcount: 1, title: '家政钟点工（做午饭）',
      description: '每周三次，上午打扫和做午饭', requirements: '', skills: ['cooking'], schedule: { slots: [{ day: 1, from: '08:00', to: '12:00' }], startDate: null, endDate: null },
      streetCode: STREET, location: WORK, address: '荷花街道荷花三路8号', validUntil: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    }, employer.token);
    const postingId = drafted.postingId as string;
    await ok('POST', url(NODE, 'jobs', `/postings/${postingId}/submit`), undefined, employer.token);
    await ok('POST', url(NODE, 'jobs', `/postings/${postingId}/approve`), {}, officer);

    // 精准推送 through notify: the near seeker's message in the development message box and in notify's inbox.
    const pushed = await eventually(async () => (await box()).find((e) => toMobile(e, near.mobile) && e.text.includes('家政钟点工（做午饭）')), { what: 'the push in the message box', timeoutMs: 120_000 });
    expect(pushed.text).toContain('3公里内');
    expect(pushed.text).toMatch(/\/s\/[0-9a-z]{10}/);
    expect(pushed.text).not.toContain('庞秀英');
    const inbox = await eventually(async () => {
      const answer = await ok('POST', url(NODE, 'notify', '/inbox/query'), { proof: { kind: 'seeker', token: near.token } });
      return answer.items.length > 0 ? answer : undefined;
    }, { what: "the push in the seeker's notify inbox", timeoutMs: 60_000 });
    expect(inbox.items.map((m: { kind: string; link: string }) => [m.kind, m.link])).toEqual([['job_matched', `/h5/#/jobs/postings/${postingId}`]]);
    // The short link opens the posting's page in the jobs pages.
    const shortCode = /\/s\/([0-9a-z]{10})/.exec(pushed.text)![1]!;
    const followed = await fetch(url(NODE, 'notify', `/s/${shortCode}`), { redirect: 'manual' });
    expect(followed.status).toBe(302);
    expect(followed.headers.get('location')).toMatch(new RegExp(`/h5/#/jobs/postings/${postingId}$`));

    // The seeker applies; the employer invites; the seeker accepts; the employer hires.
    const applied = await ok('POST', url(NODE, 'jobs', `/postings/${postingId}/applications`), { note: '我住得近，周一三五上午都可以' }, near.token);
    const applicationId = applied.applicationId as string;
    expect((await ok('POST', url(NODE, 'jobs', `/employers/me/applications/${applicationId}/invite`), { message: '周一上午来面谈' }, employer.token)).status).toBe('invited');
    expect((await ok('POST', url(NODE, 'jobs', `/seekers/me/applications/${applicationId}/accept`), undefined, near.token)).status).toBe('accepted');
    const hired = await ok('POST', url(NODE, 'jobs', `/employers/me/applications/${applicationId}/hire`), { agreedPayFen: 3000, startDate: day }, employer.token);
    expect(hired).toMatchObject({ status: 'hired', posting: { postingId, status: 'filled', hired: 1 } });

    // The hire counts in the node's report figures and, sourced upward, in the province's.
    await eventually(async () => ((await hiresAt(NODE, 'district_officer', day)) >= 1 ? true : undefined), { what: "the hire in the node's report figures", timeoutMs: 60_000 });
    const provinceHires = await eventually(async () => {
      const hires = await hiresAt(PROVINCE, 'province_officer', day);
      return hires > provinceHiresBefore ? hires : undefined;
    }, { what: "the hire in the province's report figures", timeoutMs: 120_000 });
    expect(provinceHires).toBe(provinceHiresBefore + 1);

    // The seeker 40 km away was told nothing, in the message box or in notify's inbox.
    expect((await box()).filter((e) => toMobile(e, far.mobile) && !/\b\d{6}\b/.test(e.text))).toEqual([]);
    expect((await ok('POST', url(NODE, 'notify', '/inbox/query'), { proof: { kind: 'seeker', token: far.token } })).items).toEqual([]);
  }, 420_000);
});
