import type { AvailabilitySlot } from '@ws/contracts';
import { CandidateProfile, rankCandidates, RankingOptions, TaskNeed } from './ranking';

const STREET = '330802001';
const OTHER_STREET = '330802002';
// Monday 2026-06-01 10:00 Shanghai.
const now = new Date('2026-06-01T02:00:00Z');
const allWeek: AvailabilitySlot[] = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day: day as AvailabilitySlot['day'], from: '00:00', to: '24:00' }));
const sundaysOnly: AvailabilitySlot[] = [{ day: 7, from: '08:00', to: '18:00' }];

function volunteer(id: string, overrides: Partial<CandidateProfile> = {}): CandidateProfile {
  return {
    volunteerId: id,
    homeStreet: STREET,
    skills: [{ skill: 'first_aid_trainer', certificateRef: null }],
    availability: allWeek,
    recentHours: 0,
    openAssignments: 0,
    lastDeclinedAt: null,
    ...overrides,
  };
}

const need: TaskNeed = { streetCode: STREET, requiredSkill: 'first_aid_trainer', scheduledAt: null, deadline: '2026-06-03T02:00:00Z' };
const options: RankingOptions = { scope: 'street', now, exclude: new Set<string>(), declineCooldownMs: 2 * 3600_000 };
const ids = (need: TaskNeed, profiles: CandidateProfile[], opts = options) => rankCandidates(need, profiles, opts).map((c) => c.volunteerId);

describe('rankCandidates', () => {
  it('keeps only volunteers with the skill, in the street unless the task escalated', () => {
    const profiles = [volunteer('a'), volunteer('b', { skills: [{ skill: 'lawyer', certificateRef: 'cert-1' }] }), volunteer('c', { homeStreet: OTHER_STREET })];
    expect(ids(need, profiles)).toEqual(['a']);
    expect(ids(need, profiles, { ...options, scope: 'district' })).toEqual(['a', 'c']);
  });

  it('lets anyone take a task that needs no particular skill', () => {
    const profiles = [volunteer('a', { skills: [] }), volunteer('b', { skills: [{ skill: 'lawyer', certificateRef: null }] })];
    expect(ids({ ...need, requiredSkill: 'general' }, profiles)).toEqual(['a', 'b']);
  });

  it('lets electricians and plumbers take repairs', () => {
    const profiles = [volunteer('sparky', { skills: [{ skill: 'electrician', certificateRef: 'c' }] }), volunteer('medic', { skills: [{ skill: 'doctor', certificateRef: null }] })];
    expect(ids({ ...need, requiredSkill: 'repair' }, profiles)).toEqual(['sparky']);
  });

  it('never offers the task again to someone already asked in this round', () => {
    expect(ids(need, [volunteer('a'), volunteer('b')], { ...options, exclude: new Set(['a']) })).toEqual(['b']);
  });

  it('puts the fairest load first: fewest recent hours, then fewest open tasks', () => {
    const profiles = [volunteer('busy', { recentHours: 12 }), volunteer('idle', { recentHours: 1 }), volunteer('idle-but-booked', { recentHours: 1, openAssignments: 2 })];
    expect(ids(need, profiles)).toEqual(['idle', 'idle-but-booked', 'busy']);
  });

  it('ranks availability above load: a free volunteer who served more beats one who cannot come', () => {
    const profiles = [volunteer('weekend', { availability: sundaysOnly, recentHours: 0 }), volunteer('free', { recentHours: 30 })];
    const saturday = { ...need, scheduledAt: '2026-06-06T02:00:00Z' };
    expect(ids(saturday, profiles)).toEqual(['free', 'weekend']);
    const sunday = { ...need, scheduledAt: '2026-06-07T02:00:00Z' };
    expect(ids(sunday, profiles)).toEqual(['weekend', 'free']);
  });

  it('prefers the own street in the district scope, and certified skills over declared ones', () => {
    const profiles = [
      volunteer('far-certified', { homeStreet: OTHER_STREET, skills: [{ skill: 'first_aid_trainer', certificateRef: 'c1' }] }),
      volunteer('near-declared', { recentHours: 5 }),
      volunteer('near-certified', { recentHours: 9, skills: [{ skill: 'first_aid_trainer', certificateRef: 'c2' }] }),
    ];
    expect(ids(need, profiles, { ...options, scope: 'district' })).toEqual(['near-certified', 'near-declared', 'far-certified']);
  });

  it('moves someone who just declined another task behind the others, until the cool-down passes', () => {
    const justDeclined = volunteer('a', { lastDeclinedAt: new Date(now.getTime() - 30 * 60_000).toISOString() });
    expect(ids(need, [justDeclined, volunteer('b', { recentHours: 8 })])).toEqual(['b', 'a']);
    const longAgo = volunteer('a', { lastDeclinedAt: new Date(now.getTime() - 5 * 3600_000).toISOString() });
    expect(ids(need, [longAgo, volunteer('b', { recentHours: 8 })])).toEqual(['a', 'b']);
  });

  it('is a stable order for equal candidates and explains each place', () => {
    const ranked = rankCandidates(need, [volunteer('b'), volunteer('a')], options);
    expect(ranked.map((c) => c.volunteerId)).toEqual(['a', 'b']);
    expect(ranked[0]).toEqual({ volunteerId: 'a', available: true, distance: 0, certified: false, declinedRecently: false, recentHours: 0, openAssignments: 0 });
  });
});
