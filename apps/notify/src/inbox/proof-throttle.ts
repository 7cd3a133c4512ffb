/** A proof is checked by the owning service on every call: a guesser gets few tries. */
export const PROOF_THROTTLE = { default: { limit: 60, ttl: 60_000 } };
