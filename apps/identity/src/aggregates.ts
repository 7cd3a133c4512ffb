import { IDENTITY_CONTEXT, IDENTITY_DIRECTIVE_SCHEMAS } from '@ws/contracts';
import { defineAggregate } from '@ws/platform';
import { createAccountDecider, type LockoutPolicy } from './accounts/account.decider';
import { ACCOUNT_AGGREGATE, ACCOUNT_EVENT_SCHEMAS } from './accounts/account.events';
import { keyringDecider } from './keys/keyring.decider';

// The identity service's aggregates: each decider with its stream and its events' schema versions.

/** An account's decider follows the node's lockout policy, so its definition is made from the node's config (AccountCommands holds it). */
export function accountAggregate(lockout: LockoutPolicy) {
  return defineAggregate({ context: IDENTITY_CONTEXT, aggregate: ACCOUNT_AGGREGATE, decider: createAccountDecider(lockout), schemas: ACCOUNT_EVENT_SCHEMAS });
}

/** One stream per node (id = its code): the signing keys it announced down the DIR. */
export const keyringAggregate = defineAggregate({ context: IDENTITY_CONTEXT, aggregate: 'keyring', decider: keyringDecider, schemas: IDENTITY_DIRECTIVE_SCHEMAS });
