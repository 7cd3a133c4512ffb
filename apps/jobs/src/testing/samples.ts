import { PostingDetails, SeekerPreferences } from '@ws/contracts';

/** The deciders' specs run at the spec helper's fixed now (2026-06-01T02:00Z). */
export const SPEC_NOW = new Date('2026-06-01T02:00:00.000Z');

/** A 钟点工 posting in 合川区 (Chongqing), open for a month. */
export function samplePostingDetails(overrides: Partial<PostingDetails> = {}): PostingDetails {
  return {
    category: 'housekeeping',
    payMode: 'daily',
    pay: { minFen: 2500, maxFen: 3500, unit: 'hour' },
    headcount: 2,
    title: '家政钟点工',
    description: '每周三次，上午打扫和做午饭',
    requirements: '',
    skills: ['cooking', 'cleaning'],
    schedule: { slots: [{ day: 1, from: '08:00', to: '12:00' }, { day: 3, from: '08:00', to: '12:00' }], startDate: '2026-06-03', endDate: null },
    streetCode: '500117001',
    location: { lng: 106.27612, lat: 29.97271 },
    addressRef: 'address-1',
    validUntil: '2026-07-01T00:00:00.000Z',
    ...overrides,
  };
}

export function samplePreferences(overrides: Partial<SeekerPreferences> = {}): SeekerPreferences {
  return {
    categories: ['housekeeping', 'cleaning'],
    skills: ['cooking'],
    homeStreetCode: '500117001',
    travelRadiusKm: 3,
    availability: [{ day: 1, from: '07:00', to: '13:00' }],
    payModes: ['daily'],
    ...overrides,
  };
}
