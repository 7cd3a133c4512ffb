/**
 * Rotating a federation's CA (leafnode links and client ports) without a flag day. A nats-server reads its trust file
 * (`ca_file`, which may hold several CA certificates) and its own certificate when it starts, and
 * the nodes of a deployment restart one by one, so a rotation is three steps, each followed by a
 * restart of every node's nats-server in turn:
 *   rotate-ca             a new CA beside the old one; every node trusts both, keeps its certificate
 *   reissue-certificates  every node's certificate anew under the new CA (all nodes trust both)
 *   retire-old-ca         the old CA leaves the trust file (every node runs a new certificate)
 * At no point does a node run a certificate that a peer it links to (started before or after it
 * within the same pass) does not trust. A node's services check their nats-server against the same
 * trust file, which their client reads again at every reconnection: the restart of the nats-server
 * that follows each step is their reconnection, so they need no restart of their own. This module
 * is the plan only; federation-tls.ts applies it.
 */

/** Where a federation's CAs stand: no rotation, or after its first or second step. */
export const ROTATION_PHASES = ['settled', 'trusting-both', 'reissued'] as const;
export type RotationPhase = (typeof ROTATION_PHASES)[number];
export const ROTATION_STEPS = ['rotate-ca', 'reissue-certificates', 'retire-old-ca'] as const;
export type RotationStep = (typeof ROTATION_STEPS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;
/** A CA this close to its end starts a rotation by itself (enough for three rolling restarts, and node certificates renewed meanwhile). */
export const CA_RENEW_BEFORE_DAYS = 180;

/** What the TLS directory holds: its signing CA's end and the rotation's phase (undefined: no CA yet). */
export interface TrustState {
  phase: RotationPhase;
  signerNotAfter: Date;
}

export interface TrustRequest {
  /** A step the operator asked for (deploy:config --<step>). */
  step?: RotationStep;
  /**
   * Every node restarts together (npm start): a CA near its end is replaced at once, and a
   * rotation under way is finished at once, with no overlap to keep.
   */
  allAtOnce?: boolean;
}

export interface TrustPlan {
  /** Make a new signing CA (its key signs every certificate from now on). */
  newSigner: boolean;
  /** The trust file holds the signer alone, or the signer and the CA before it. */
  trust: 'signer' | 'signer-and-previous';
  /** A node keeps a certificate of any CA in the trust file, or only one of the signer. */
  certificatesOf: 'trusted' | 'signer';
  phase: RotationPhase;
}

const KEEP: Record<RotationPhase, TrustPlan> = {
  settled: { newSigner: false, trust: 'signer', certificatesOf: 'signer', phase: 'settled' },
  'trusting-both': { newSigner: false, trust: 'signer-and-previous', certificatesOf: 'trusted', phase: 'trusting-both' },
  reissued: { newSigner: false, trust: 'signer-and-previous', certificatesOf: 'signer', phase: 'reissued' },
};
const FRESH: TrustPlan = { newSigner: true, trust: 'signer', certificatesOf: 'signer', phase: 'settled' };
const BEGIN: TrustPlan = { newSigner: true, trust: 'signer-and-previous', certificatesOf: 'trusted', phase: 'trusting-both' };

/** The phase each step starts from. */
const STEP_FROM: Record<RotationStep, RotationPhase> = { 'rotate-ca': 'settled', 'reissue-certificates': 'trusting-both', 'retire-old-ca': 'reissued' };

export class RotationOutOfOrderError extends Error {
  constructor(step: RotationStep, phase: RotationPhase | undefined) {
    super(`cannot ${step}: ${phase === undefined ? 'there is no CA yet' : `the CA rotation is at "${phase}"; ${nextStepOf(phase) ?? 'nothing is under way'}`}`);
    this.name = 'RotationOutOfOrderError';
  }
}

export function isWithinCaRenewal(signerNotAfter: Date, now: Date): boolean {
  return signerNotAfter.getTime() - now.getTime() < CA_RENEW_BEFORE_DAYS * DAY_MS;
}

/** What to make and trust, given the directory's state, what was asked, and the time. */
export function planTrust(state: TrustState | undefined, request: TrustRequest, now: Date): TrustPlan {
  const { step, allAtOnce = false } = request;
  if (state === undefined) {
    if (step !== undefined && step !== 'rotate-ca') throw new RotationOutOfOrderError(step, undefined);
    return FRESH;
  }
  if (step !== undefined) {
    if (state.phase !== STEP_FROM[step]) throw new RotationOutOfOrderError(step, state.phase);
    switch (step) {
      case 'rotate-ca':
        return BEGIN;
      case 'reissue-certificates':
        return KEEP.reissued;
      case 'retire-old-ca':
        return KEEP.settled;
      default: {
        const unknown: never = step;
        throw new Error(`unknown step ${String(unknown)}`);
      }
    }
  }
  const nearEnd = isWithinCaRenewal(state.signerNotAfter, now);
  if (allAtOnce) return nearEnd ? FRESH : KEEP.settled;
  return state.phase === 'settled' && nearEnd ? BEGIN : KEEP[state.phase];
}

/** What the operator does next in a phase: restart every node's nats-server one by one, then the next step. */
export function nextStepOf(phase: RotationPhase): string | undefined {
  switch (phase) {
    case 'settled':
      return undefined;
    case 'trusting-both':
      return "restart every node's nats-server one by one, then `npm run deploy:config -- --reissue-certificates`";
    case 'reissued':
      return "restart every node's nats-server one by one, then `npm run deploy:config -- --retire-old-ca`";
    default: {
      const unknown: never = phase;
      throw new Error(`unknown phase ${String(unknown)}`);
    }
  }
}
