import { CA_RENEW_BEFORE_DAYS, nextStepOf, planTrust, RotationOutOfOrderError, type RotationPhase, type TrustState } from './ca-rotation';

const DAY_MS = 24 * 60 * 60 * 1000;
const now = new Date('2030-03-01T00:00:00Z');
const endingIn = (days: number) => new Date(now.getTime() + days * DAY_MS);
const state = (phase: RotationPhase, caDaysLeft = 3000): TrustState => ({ phase, signerNotAfter: endingIn(caDaysLeft) });

describe('the plan of a leafnode CA rotation', () => {
  it('makes a CA when there is none, trusting it alone', () => {
    expect(planTrust(undefined, {}, now)).toEqual({ newSigner: true, trust: 'signer', certificatesOf: 'signer', phase: 'settled' });
  });

  it('keeps a settled CA that is far from its end', () => {
    expect(planTrust(state('settled', CA_RENEW_BEFORE_DAYS + 1), {}, now)).toEqual({ newSigner: false, trust: 'signer', certificatesOf: 'signer', phase: 'settled' });
  });

  it('walks the three steps: a new CA trusted beside the old with certificates kept, then certificates anew, then the old CA dropped', () => {
    const begun = planTrust(state('settled'), { step: 'rotate-ca' }, now);
    expect(begun).toEqual({ newSigner: true, trust: 'signer-and-previous', certificatesOf: 'trusted', phase: 'trusting-both' });
    const reissued = planTrust(state(begun.phase), { step: 'reissue-certificates' }, now);
    expect(reissued).toEqual({ newSigner: false, trust: 'signer-and-previous', certificatesOf: 'signer', phase: 'reissued' });
    const retired = planTrust(state(reissued.phase), { step: 'retire-old-ca' }, now);
    expect(retired).toEqual({ newSigner: false, trust: 'signer', certificatesOf: 'signer', phase: 'settled' });
  });

  it('stays in its phase when run without a step (a plain deploy:config between two restarts)', () => {
    for (const phase of ['trusting-both', 'reissued'] as const) expect(planTrust(state(phase), {}, now).phase).toBe(phase);
    expect(planTrust(state('trusting-both'), {}, now)).toMatchObject({ newSigner: false, certificatesOf: 'trusted' });
  });

  it('refuses a step out of order, naming the one that comes next', () => {
    expect(() => planTrust(state('settled'), { step: 'retire-old-ca' }, now)).toThrow(RotationOutOfOrderError);
    expect(() => planTrust(state('settled'), { step: 'reissue-certificates' }, now)).toThrow(/nothing is under way/);
    expect(() => planTrust(state('trusting-both'), { step: 'rotate-ca' }, now)).toThrow(/--reissue-certificates/);
    expect(() => planTrust(state('trusting-both'), { step: 'retire-old-ca' }, now)).toThrow(/--reissue-certificates/);
    expect(() => planTrust(state('reissued'), { step: 'rotate-ca' }, now)).toThrow(/--retire-old-ca/);
    expect(() => planTrust(undefined, { step: 'retire-old-ca' }, now)).toThrow(/no CA yet/);
  });

  it('begins a rotation by itself once the CA is within its renewal window, and not a day before', () => {
    expect(planTrust(state('settled', CA_RENEW_BEFORE_DAYS + 1), {}, now).phase).toBe('settled');
    expect(planTrust(state('settled', CA_RENEW_BEFORE_DAYS - 1), {}, now)).toEqual({ newSigner: true, trust: 'signer-and-previous', certificatesOf: 'trusted', phase: 'trusting-both' });
    // A rotation under way with a new CA is not begun again.
    expect(planTrust(state('trusting-both', CA_RENEW_BEFORE_DAYS - 1), {}, now)).toMatchObject({ newSigner: false, phase: 'trusting-both' });
  });

  it('replaces a CA near its end at once, and finishes a rotation at once, when every node restarts together (npm start)', () => {
    expect(planTrust(state('settled', CA_RENEW_BEFORE_DAYS - 1), { allAtOnce: true }, now)).toEqual({ newSigner: true, trust: 'signer', certificatesOf: 'signer', phase: 'settled' });
    expect(planTrust(state('settled'), { allAtOnce: true }, now).newSigner).toBe(false);
    expect(planTrust(state('trusting-both'), { allAtOnce: true }, now)).toEqual({ newSigner: false, trust: 'signer', certificatesOf: 'signer', phase: 'settled' });
  });

  it('tells what comes next in each phase', () => {
    expect(nextStepOf('settled')).toBeUndefined();
    expect(nextStepOf('trusting-both')).toMatch(/one by one.*--reissue-certificates/);
    expect(nextStepOf('reissued')).toMatch(/one by one.*--retire-old-ca/);
  });
});
