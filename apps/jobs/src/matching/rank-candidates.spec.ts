import { rankCandidates, SeekerCandidate } from './match-seekers';

const candidate = (id: string, km: number, skills: string[] = [], availability: SeekerCandidate['availability'] = []): SeekerCandidate => ({ seeker_id: id, km, skills, availability, daily_cap: 3 });

describe('精准推送 ranking', () => {
  const posting = { schedule: { slots: [{ day: 1 as const, from: '08:00', to: '12:00' }], startDate: null, endDate: null }, skills: ['cooking' as const] };

  it('puts those with the posting’s skills first, then the nearer', () => {
    const ranked = rankCandidates([candidate('a', 1), candidate('b', 4, ['cooking']), candidate('c', 2)], posting);
    expect(ranked.map((c) => c.seeker_id)).toEqual(['b', 'a', 'c']);
  });

  it('leaves out those whose hours do not meet the posting’s; no hours on either side fits any', () => {
    const ranked = rankCandidates([candidate('monday', 1, [], [{ day: 1, from: '11:00', to: '14:00' }]), candidate('sunday', 1, [], [{ day: 7, from: '08:00', to: '12:00' }]), candidate('any', 2)], posting);
    expect(ranked.map((c) => c.seeker_id)).toEqual(['monday', 'any']);
    expect(rankCandidates([candidate('sunday', 1, [], [{ day: 7, from: '08:00', to: '12:00' }])], { ...posting, schedule: { ...posting.schedule, slots: [] } })).toHaveLength(1);
  });
});
