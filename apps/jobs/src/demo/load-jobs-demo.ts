import { creditCodeCheckCharacter, idNumberCheckCode } from '@ws/contracts';
import type { GeoPoint, JobCategory, PayMode, PayUnit } from '@ws/contracts';
import { requestJson, requestOk } from '@ws/platform';

/**
 * 零工之家 demo of a district (the seed's 合川零工之家, on a demo node): an approved company and an
 * approved householder, a few open postings around the district's first station, and a seeker
 * living near it — registered first, so the postings are pushed to them (精准推送). Everything
 * goes through the HTTP API with the SMS codes read from notify's development message box, so
 * events, read models, pushes and counts are real. A node that already has postings keeps them.
 */
export interface JobsDemoOptions {
  jobsUrl: string;
  /** notify's base URL: its development message box holds the codes. */
  notifyUrl: string;
  nodeCode: string;
  /** A street of the node and a point to build around (a station's). */
  streetCode: string;
  around: GeoPoint;
  /** The station the postings are around: a 招聘会 is scheduled there a week ahead. */
  stationId?: string;
  /** An officer token of the node (a district officer: reviews employers and postings). */
  officerToken: string;
  /** Valid-until of the postings is set from this. */
  now?: Date;
}

export interface JobsDemoResult {
  postings: number;
  seekers: number;
  fairs: number;
  skipped: boolean;
}

interface DemoPosting {
  title: string;
  category: JobCategory;
  payMode: PayMode;
  pay: { minFen: number; maxFen: number; unit: PayUnit };
  headcount: number;
  /** km north and east of the station. */
  offset: [number, number];
  employer: 'company' | 'person';
}

const POSTINGS: DemoPosting[] = [
  { title: '家政钟点工（每周三次）', category: 'housekeeping', payMode: 'daily', pay: { minFen: 2_500, maxFen: 3_500, unit: 'hour' }, headcount: 2, offset: [0.6, 0.4], employer: 'person' },
  { title: '小区保洁员', category: 'cleaning', payMode: 'monthly', pay: { minFen: 300_000, maxFen: 380_000, unit: 'month' }, headcount: 3, offset: [-1.2, 0.8], employer: 'company' },
  { title: '居民搬家跟车', category: 'moving', payMode: 'daily', pay: { minFen: 20_000, maxFen: 30_000, unit: 'day' }, headcount: 4, offset: [2.5, -1.5], employer: 'company' },
  { title: '老旧小区水电维修', category: 'home_repair', payMode: 'per_project', pay: { minFen: 150_000, maxFen: 400_000, unit: 'project' }, headcount: 1, offset: [-3, -2], employer: 'company' },
];

export async function loadJobsDemo(options: JobsDemoOptions): Promise<JobsDemoResult> {
  const { jobsUrl, nodeCode, streetCode, around, officerToken } = options;
  const figures = await requestOk(jobsUrl, 'GET', '/figures');
  if (figures.totals.postingsPublished > 0) return { postings: 0, seekers: 0, fairs: 0, skipped: true };
  const digits = nodeCode.slice(-4).padStart(4, '0');
  const now = options.now ?? new Date();
  const officer = { token: officerToken };

  const seekerMobile = `1390${digits}001`;
  const first17 = `${nodeCode.slice(0, 6)}19800312${digits.slice(-2)}2`.slice(0, 17);
  await requestOk(jobsUrl, 'POST', '/seekers', {
    body: {
      name: '庞秀英',
      idNumber: `${first17}${idNumberCheckCode(first17)}`,
      mobile: seekerMobile,
      code: await registrationCode(options, seekerMobile, 'seeker'),
      home: move(around, 0.8, 0.2),
      preferences: {
        categories: ['housekeeping', 'cleaning'],
        skills: ['cooking', 'cleaning'],
        payModes: [],
        homeStreetCode: streetCode,
        travelRadiusKm: 5,
        availability: [1, 2, 3, 4, 5].map((day) => ({ day, from: '08:00', to: '17:00' })),
      },
    },
  });

  const employers: Record<'company' | 'person', string> = { company: '', person: '' };
  for (const kind of ['company', 'person'] as const) {
    const mobile = `1390${digits}${kind === 'company' ? '101' : '102'}`;
    const creditFirst17 = `9133${nodeCode.slice(2, 6)}MA2${digits}00`;
    const registered = await requestOk(jobsUrl, 'POST', '/employers', {
      body: {
        kind,
        name: kind === 'company' ? '驿站家政服务有限公司' : '王女士',
        ...(kind === 'company' ? { creditCode: `${creditFirst17}${creditCodeCheckCharacter(creditFirst17)}` } : {}),
        mobile,
        code: await registrationCode(options, mobile, 'employer'),
        streetCode,
      },
    });
    employers[kind] = registered.token;
    await requestOk(jobsUrl, 'POST', '/employers/me/review', { token: registered.token });
    await requestOk(jobsUrl, 'POST', `/employers/${registered.employerId}/approve`, officer);
  }

  const validUntil = new Date(now.getTime() + 60 * 86_400_000).toISOString();
  const published: string[] = [];
  for (const posting of POSTINGS) {
    const token = employers[posting.employer];
    const { postingId } = await requestOk(jobsUrl, 'POST', '/postings', {
      token,
      body: {
        category: posting.category,
        payMode: posting.payMode,
        pay: posting.pay,
        headcount: posting.headcount,
        title: posting.title,
        description: `${posting.title}，工作地点离驿站不远，可到驿站咨询。`,
        requirements: '身体健康，守时',
        skills: posting.category === 'housekeeping' ? ['cooking', 'cleaning'] : [],
        schedule: { slots: [1, 3, 5].map((day) => ({ day, from: '08:00', to: '12:00' })), startDate: null, endDate: null },
        streetCode,
        location: move(around, ...posting.offset),
        address: posting.employer === 'person' ? '幸福小区3栋2单元501' : '驿站路8号',
        validUntil,
      },
    });
    await requestOk(jobsUrl, 'POST', `/postings/${postingId}/submit`, { token });
    await requestOk(jobsUrl, 'POST', `/postings/${postingId}/approve`, officer);
    published.push(postingId);
  }
  const fairs = await scheduleFair(options, published, now);
  return { postings: POSTINGS.length, seekers: 1, fairs, skipped: false };
}

/**
 * A 招聘会 at the station a week ahead (09:00–12:00 Beijing time) with the demo's postings, or
 * 直播带岗 when the jobs service has not yet heard of the station (its places come with the
 * stations context's events): the public fair list and the console have one to show.
 */
async function scheduleFair(options: JobsDemoOptions, postingIds: string[], now: Date): Promise<number> {
  const officer = { token: options.officerToken };
  const day = new Date(now.getTime() + 8 * 3600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
  const plan = { streetCode: options.streetCode, startsAt: `${day}T09:00:00+08:00`, endsAt: `${day}T12:00:00+08:00` };
  let fairId: string | undefined;
  for (let attempt = 0; options.stationId && attempt < 20 && !fairId; attempt++) {
    const response = await requestJson(options.jobsUrl, 'POST', '/fairs', { ...officer, body: { ...plan, title: '零工之家驿站招聘会', format: 'onsite', stationId: options.stationId } });
    if (response.status >= 200 && response.status < 300) fairId = (response.body as { fairId: string }).fairId;
    else if (response.status === 404) await new Promise((resolve) => setTimeout(resolve, 500));
    else throw new Error(`jobs demo: POST /fairs answered ${response.status}: ${JSON.stringify(response.body)?.slice(0, 300)}`);
  }
  fairId ??= (await requestOk(options.jobsUrl, 'POST', '/fairs', { ...officer, body: { ...plan, title: '零工之家直播带岗', format: 'online' } })).fairId as string;
  for (const postingId of postingIds) await requestOk(options.jobsUrl, 'POST', `/fairs/${fairId}/postings`, { ...officer, body: { postingId } });
  return 1;
}

function move(point: GeoPoint, northKm: number, eastKm: number): GeoPoint {
  const lat = point.lat + northKm / 111.32;
  const lng = point.lng + eastKm / (111.32 * Math.cos((point.lat * Math.PI) / 180));
  return { lng: Math.round(lng * 1e5) / 1e5, lat: Math.round(lat * 1e5) / 1e5 };
}

async function registrationCode(options: JobsDemoOptions, mobile: string, account: 'seeker' | 'employer'): Promise<string> {
  const before = await lastSeq(options.notifyUrl);
  await requestOk(options.jobsUrl, 'POST', '/accounts/codes', { body: { mobile, purpose: 'register', account } });
  for (let attempt = 0; attempt < 100; attempt++) {
    const box = (await requestOk(options.notifyUrl, 'GET', '/messages/box.json')) as { items: Array<{ seq: number; to: string; text: string }> };
    const entry = box.items.filter((e) => e.seq > before && e.to.endsWith(mobile.slice(-4)) && /\b\d{6}\b/.test(e.text)).sort((a, b) => b.seq - a.seq)[0];
    if (entry) return /\b(\d{6})\b/.exec(entry.text)![1]!;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`jobs demo: no SMS code for …${mobile.slice(-4)} in notify's message box`);
}

async function lastSeq(notifyUrl: string): Promise<number> {
  const box = (await requestOk(notifyUrl, 'GET', '/messages/box.json')) as { items: Array<{ seq: number }> };
  return box.items.reduce((max, e) => Math.max(max, e.seq), 0);
}
