import { createHash } from 'node:crypto';
import type { AvailabilitySlot, VolunteerSkill, VolunteerType } from '@ws/contracts';
import type { OfficerTokenMinter } from '@ws/kernel';
import { DemoApi } from './dispatch-demo-api';
import type { BoardVolunteer } from './dispatch-demo-api';

export { serveDemoInvitations } from './serve-demo-invitations';
export type { ServeInvitationsOptions, ServeInvitationsResult } from './serve-demo-invitations';

/**
 * Demo data for the dispatch service of one district, loaded over its HTTP API (as officers and
 * volunteers would), so `npm start` shows volunteers, a week of rotas, hours served and tasks in
 * every state. Proportions follow the seeds: community micro-stations take party members, union
 * cadres and students as rotating volunteers (轮值志愿者), three per station; each street keeps a
 * few professionals for dispatched work (a first-aid trainer, a doctor, a lawyer, an electrician,
 * a childcare carer, a job advisor, a counsellor). Every step is idempotent: run it again and
 * nothing is added twice.
 */

/** What the rotas need of a station (the wishes demo's DemoStation, with location and community, fits). */
export interface DemoStation {
  stationId: string;
  streetCode: string;
  /** Rotas are kept at community micro-stations (`community`). */
  tier: string;
}

export interface DispatchDemoOptions {
  /** e.g. http://127.0.0.1:4104 */
  dispatchUrl: string;
  districtCode: string;
  /** Signs the loader's officer tokens with the node's signing key. */
  officerTokens: OfficerTokenMinter;
  stations: DemoStation[];
  /** Multiplies the number of volunteers and of stations with a rota (default 1). */
  scale?: number;
  now?: Date;
}

export interface DispatchDemoResult {
  volunteers: number;
  registered: number;
  shiftsScheduled: number;
  hoursRecorded: number;
}

const ROTA_VOLUNTEERS_PER_STATION = 3;
const ROTA_TYPES: VolunteerType[] = ['party_member', 'cadre', 'student'];
const PROFESSIONALS: VolunteerSkill[] = ['first_aid_trainer', 'doctor', 'lawyer', 'electrician', 'childcare', 'job_advisor', 'counsellor'];
/** Rota volunteers serve evenings and weekends; professionals weekday daytime and Saturday. */
const EVENINGS_AND_WEEKENDS: AvailabilitySlot[] = [
  ...([1, 2, 3, 4, 5] as const).map((day) => ({ day, from: '17:00', to: '21:00' })),
  ...([6, 7] as const).map((day) => ({ day, from: '08:00', to: '20:00' })),
];
const WORKING_DAYS: AvailabilitySlot[] = ([1, 2, 3, 4, 5, 6] as const).map((day) => ({ day, from: '09:00', to: '18:00' }));
/** Two shifts a day at each community station (Shanghai time): 09–13 and 13–18. */
const SHIFTS = [
  { from: 9, to: 13 },
  { from: 13, to: 18 },
];
const PAST_DAYS_SERVED = 3;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';

/** A number in [0, 1) from a text: the same demo on every run, without a random generator's state. */
function demoFraction(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

interface PlannedVolunteer {
  index: number;
  type: VolunteerType;
  skills: { skill: VolunteerSkill; certificateRef: string | null }[];
  homeStreet: string;
  availability: AvailabilitySlot[];
}

/** Volunteers, shifts for this week and the last days, the hours served on the past ones. */
export async function loadDispatchDemo(options: DispatchDemoOptions): Promise<DispatchDemoResult> {
  const scale = options.scale ?? 1;
  const now = options.now ?? new Date();
  const api = new DemoApi(options.dispatchUrl, options.districtCode, options.officerTokens);
  const community = options.stations.filter((s) => s.tier === 'community');
  const streets = [...new Set(options.stations.map((s) => s.streetCode))].sort();
  const plan = planVolunteers(community.slice(0, Math.max(1, Math.round(community.length * scale))), streets, scale);

  const registered = await registerMissing(api, plan);
  const board = await api.waitForVolunteers(plan.length);
  const rotaStations = community.slice(0, Math.max(1, Math.round(community.length * scale)));
  const shiftsScheduled = await scheduleRotas(api, rotaStations, board, now);
  const hoursRecorded = await recordPastHours(api, rotaStations, now);
  return { volunteers: board.length, registered, shiftsScheduled, hoursRecorded };
}

function planVolunteers(stations: DemoStation[], streets: string[], scale: number): PlannedVolunteer[] {
  const plan: PlannedVolunteer[] = [];
  for (const station of stations) {
    for (let i = 0; i < ROTA_VOLUNTEERS_PER_STATION; i++) {
      const index = plan.length;
      plan.push({ index, type: ROTA_TYPES[i]!, skills: [{ skill: 'general', certificateRef: null }], homeStreet: station.streetCode, availability: EVENINGS_AND_WEEKENDS });
    }
  }
  const perStreet = Math.max(1, Math.round(PROFESSIONALS.length * scale));
  for (const street of streets) {
    for (let i = 0; i < perStreet; i++) {
      const skill = PROFESSIONALS[i % PROFESSIONALS.length]!;
      const index = plan.length;
      // Repairs take electricians; most professionals hold a certificate, a few only declare the skill.
      plan.push({ index, type: 'professional', skills: [{ skill, certificateRef: demoFraction(`cert-${street}-${i}`) < 0.8 ? `demo-cert-${street}-${skill}` : null }], homeStreet: street, availability: WORKING_DAYS });
    }
  }
  return plan;
}

async function registerMissing(api: DemoApi, plan: PlannedVolunteer[]): Promise<number> {
  if ((await api.activeVolunteers()).length >= plan.length) return 0;
  let registered = 0;
  for (const volunteer of plan) {
    const name = `${SURNAMES[volunteer.index % SURNAMES.length]}志愿者${volunteer.index + 1}`;
    const mobile = demoMobile(api.districtCode, volunteer.index);
    const answer = await api.officer('POST', '/volunteers', { name, mobile, type: volunteer.type, skills: volunteer.skills, homeStreet: volunteer.homeStreet, availability: volunteer.availability, smsConsent: true });
    if (answer.status === 201) registered++;
    else if (answer.body?.code !== 'volunteer_already_registered') throw new Error(`registering a demo volunteer: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return registered;
}

/** 1 7x xxx xxxxx: the district decides the middle digits, the index the rest (unique per district). */
function demoMobile(districtCode: string, index: number): string {
  const district = Number.parseInt(createHash('sha256').update(districtCode).digest('hex').slice(0, 6), 16) % 1000;
  return `17${String(district).padStart(3, '0')}${String(index).padStart(6, '0')}`;
}

/** A week of shifts (this Monday to Sunday) and the last days', at each station, by its street's rota volunteers in turn. */
async function scheduleRotas(api: DemoApi, stations: DemoStation[], board: BoardVolunteer[], now: Date): Promise<number> {
  const today = shanghaiMidnight(now);
  const firstDay = today - PAST_DAYS_SERVED * DAY;
  const lastDay = today + 7 * DAY;
  const range = `from=${isoDay(firstDay)}&to=${isoDay(lastDay)}`;
  let scheduled = 0;
  for (const station of stations) {
    if ((await api.shifts(station.stationId, range)).length > 0) continue;
    const rota = board.filter((v) => v.homeStreet === station.streetCode && v.type !== 'professional');
    if (rota.length === 0) continue;
    const offset = Math.floor(demoFraction(station.stationId) * rota.length);
    const shifts = [];
    for (let day = firstDay, n = 0; day < lastDay; day += DAY) {
      for (const shift of SHIFTS) {
        const volunteer = rota[(offset + n++) % rota.length]!;
        shifts.push({ volunteerId: volunteer.volunteerId, startsAt: new Date(day + shift.from * HOUR).toISOString(), endsAt: new Date(day + shift.to * HOUR).toISOString() });
      }
    }
    const answer = await api.officer('POST', '/shifts/rota', { stationId: station.stationId, streetCode: station.streetCode, shifts });
    if (answer.status !== 201) throw new Error(`scheduling a demo rota: ${answer.status} ${JSON.stringify(answer.body)}`);
    scheduled += shifts.length;
  }
  return scheduled;
}

/** The volunteers record their hours on the shifts already over (most the full shift, some less). */
async function recordPastHours(api: DemoApi, stations: DemoStation[], now: Date): Promise<number> {
  const today = shanghaiMidnight(now);
  const range = `from=${isoDay(today - PAST_DAYS_SERVED * DAY)}&to=${isoDay(today)}`;
  let recorded = 0;
  for (const station of stations) {
    const rota = await api.waitForShifts(station.stationId, range);
    for (const shift of rota) {
      if (shift.status !== 'scheduled' || Date.parse(shift.endsAt) > now.getTime()) continue;
      const length = (Date.parse(shift.endsAt) - Date.parse(shift.startsAt)) / HOUR;
      const hours = demoFraction(shift.shiftId) < 0.8 ? length : Math.max(1, length - 1);
      const answer = await api.asVolunteer(shift.volunteerId, 'POST', `/shifts/${shift.shiftId}/hours`, { hours });
      if (answer.status === 200) recorded++;
      else if (answer.body?.code !== 'shift_already_served') throw new Error(`recording demo hours: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  }
  return recorded;
}

function shanghaiMidnight(now: Date): number {
  const shanghai = new Date(now.getTime() + 8 * HOUR);
  return Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate()) - 8 * HOUR;
}

function isoDay(shanghaiMidnightMs: number): string {
  return new Date(shanghaiMidnightMs + 8 * HOUR).toISOString().slice(0, 10);
}

