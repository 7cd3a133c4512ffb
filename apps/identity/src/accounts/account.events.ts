import type { DomainEvent, OfficerRole } from '@ws/contracts';

/**
 * An officer's account, event-sourced in the node's identity service. Events carry no user
 * name, display name, password hash or TOTP secret: those live in the service's own tables
 * (the hash and the sealed secret beside the account), so nothing personal or secret travels
 * up the EVT stream.
 */
export const ACCOUNT_AGGREGATE = 'account';

/** Where an account acts: its node, and the street or station a street officer or manager needs. */
export interface AccountScope {
  role: OfficerRole;
  node: string;
  street?: string;
  station?: string;
}

export type AccountCreated = DomainEvent<'AccountCreated', { accountId: string; by: string; mustChangePassword: boolean } & AccountScope>;
/** `by: 'self'` after a sign-in; an officer's reset forces another change at the next sign-in. */
export type PasswordChanged = DomainEvent<'PasswordChanged', { accountId: string; by: string; mustChangePassword: boolean }>;
export type TotpEnrolled = DomainEvent<'TotpEnrolled', { accountId: string }>;
export type TotpReset = DomainEvent<'TotpReset', { accountId: string; by: string }>;
export type SignedIn = DomainEvent<'SignedIn', { accountId: string }>;
export type SignInFailed = DomainEvent<'SignInFailed', { accountId: string; reason: 'password' | 'totp'; failures: number }>;
export type AccountLocked = DomainEvent<'AccountLocked', { accountId: string; until: string }>;
export type AccountUnlocked = DomainEvent<'AccountUnlocked', { accountId: string; by: string }>;
export type AccountScopeChanged = DomainEvent<'AccountScopeChanged', { accountId: string; by: string } & AccountScope>;
export type AccountDisabled = DomainEvent<'AccountDisabled', { accountId: string; by: string }>;
/** The sessions (token `sid`s) ended: log-out, a lock, a password or scope change, an officer's revocation. */
export type SessionsRevoked = DomainEvent<'SessionsRevoked', { accountId: string; sessionIds: string[]; reason: RevocationReason; until: string }>;

export type RevocationReason = 'logout' | 'password_changed' | 'locked' | 'scope_changed' | 'disabled' | 'revoked';

export type AccountEvent =
  | AccountCreated
  | PasswordChanged
  | TotpEnrolled
  | TotpReset
  | SignedIn
  | SignInFailed
  | AccountLocked
  | AccountUnlocked
  | AccountScopeChanged
  | AccountDisabled
  | SessionsRevoked;

export const ACCOUNT_EVENT_SCHEMAS = {
  AccountCreated: 1,
  PasswordChanged: 1,
  TotpEnrolled: 1,
  TotpReset: 1,
  SignedIn: 1,
  SignInFailed: 1,
  AccountLocked: 1,
  AccountUnlocked: 1,
  AccountScopeChanged: 1,
  AccountDisabled: 1,
  SessionsRevoked: 1,
} as const satisfies Record<AccountEvent['type'], number>;
