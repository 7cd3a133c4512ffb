import { DomainError, assertNever } from '@ws/kernel';
import type { Decider } from '@ws/kernel';
import type { AccountEvent, AccountScope, RevocationReason } from './account.events';
import { checkScope } from './scope-rules';
import { identityError } from '../identity.errors';

export type AccountCommand =
  | ({ type: 'CreateAccount'; accountId: string; by: string; mustChangePassword: boolean } & AccountScope)
  | { type: 'ChangePassword'; by: string; mustChangePassword: boolean }
  | { type: 'EnrolTotp' }
  | { type: 'ResetTotp'; by: string }
  /** The outcome of checking a sign-in's password (and TOTP) against the account's credentials. */
  | { type: 'RecordSignIn'; outcome: 'ok' | 'bad_password' | 'bad_totp' }
  | { type: 'Unlock'; by: string }
  | ({ type: 'ChangeScope'; by: string } & AccountScope)
  | { type: 'Disable'; by: string }
  | { type: 'RevokeSessions'; sessionIds: string[]; reason: RevocationReason; until: string };

export interface AccountState {
  accountId: string;
  exists: boolean;
  scope?: AccountScope;
  disabled: boolean;
  mustChangePassword: boolean;
  totpEnrolled: boolean;
  /** Failed sign-ins since the last success or unlock. */
  failures: number;
  lockedUntil?: string;
}

export interface LockoutPolicy {
  /** Failed sign-ins in a row that lock the account. */
  maxFailures: number;
  lockMinutes: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMinutes: 15 };

export const initialAccountState = (): AccountState => ({ accountId: '', exists: false, disabled: false, mustChangePassword: false, totpEnrolled: false, failures: 0 });

export function isLocked(state: AccountState, now: Date): boolean {
  return state.lockedUntil !== undefined && new Date(state.lockedUntil) > now;
}

/** 账号已锁定 with the minutes left, rounded up: what a person reads on the sign-in page. */
export function lockedError(state: AccountState, now: Date): DomainError {
  const minutes = Math.max(1, Math.ceil((new Date(state.lockedUntil!).getTime() - now.getTime()) / 60_000));
  return identityError('account_locked', `密码或验证码连续错误次数过多，账号已锁定，请 ${minutes} 分钟后再试或联系上级管理员解锁`, undefined, { until: state.lockedUntil });
}

/**
 * An officer's account: created with a scope that fits its node, signs in (failures counted,
 * a lock after too many in a row), changes its password, enrols a TOTP authenticator; an
 * officer above unlocks, re-scopes, disables it, or ends its sessions.
 */
export function createAccountDecider(policy: LockoutPolicy = DEFAULT_LOCKOUT): Decider<AccountCommand, AccountEvent, AccountState> {
  return {
    initialState: initialAccountState,
    decide(command, state, { now }) {
      if (command.type === 'CreateAccount') {
        if (state.exists) return identityError('account_exists', '账号已存在');
        const { type: _type, ...data } = command;
        const invalid = checkScope(data);
        if (invalid) return invalid;
        return [{ type: 'AccountCreated', data }];
      }
      if (!state.exists) return identityError('account_not_found', '账号不存在');
      const accountId = state.accountId;
      if (state.disabled && command.type !== 'RevokeSessions') return identityError('account_disabled', '账号已停用，请联系上级管理员');
      switch (command.type) {
        case 'ChangePassword':
          return [{ type: 'PasswordChanged', data: { accountId, by: command.by, mustChangePassword: command.mustChangePassword } }];
        case 'EnrolTotp':
          if (state.totpEnrolled) return identityError('totp_already_enrolled', '已绑定身份验证器；如需更换，请上级管理员先重置');
          return [{ type: 'TotpEnrolled', data: { accountId } }];
        case 'ResetTotp':
          return state.totpEnrolled ? [{ type: 'TotpReset', data: { accountId, by: command.by } }] : [];
        case 'RecordSignIn': {
          if (isLocked(state, now)) return lockedError(state, now);
          if (command.outcome === 'ok') return [{ type: 'SignedIn', data: { accountId } }];
          // A lock that ran out starts the count again.
          const failures = (state.lockedUntil !== undefined ? 0 : state.failures) + 1;
          const failed: AccountEvent = { type: 'SignInFailed', data: { accountId, reason: command.outcome === 'bad_totp' ? 'totp' : 'password', failures } };
          if (failures < policy.maxFailures) return [failed];
          const until = new Date(now.getTime() + policy.lockMinutes * 60_000).toISOString();
          return [failed, { type: 'AccountLocked', data: { accountId, until } }];
        }
        case 'Unlock':
          return state.lockedUntil !== undefined || state.failures > 0 ? [{ type: 'AccountUnlocked', data: { accountId, by: command.by } }] : [];
        case 'ChangeScope': {
          const { type: _type, by, ...scope } = command;
          if (scope.node !== state.scope!.node) return identityError('node_mismatch', '账号所属节点不能更改', 'node');
          const invalid = checkScope(scope);
          if (invalid) return invalid;
          return [{ type: 'AccountScopeChanged', data: { accountId, by, ...scope } }];
        }
        case 'Disable':
          return [{ type: 'AccountDisabled', data: { accountId, by: command.by } }];
        case 'RevokeSessions':
          if (command.sessionIds.length === 0) return [];
          return [{ type: 'SessionsRevoked', data: { accountId, sessionIds: command.sessionIds, reason: command.reason, until: command.until } }];
        default:
          return assertNever(command, 'account command');
      }
    },
    evolve(state, event) {
      switch (event.type) {
        case 'AccountCreated': {
          const { accountId, by: _by, mustChangePassword, ...scope } = event.data;
          return { ...state, accountId, exists: true, scope, mustChangePassword };
        }
        case 'PasswordChanged':
          return { ...state, mustChangePassword: event.data.mustChangePassword };
        case 'TotpEnrolled':
          return { ...state, totpEnrolled: true };
        case 'TotpReset':
          return { ...state, totpEnrolled: false };
        case 'SignedIn':
          return { ...state, failures: 0, lockedUntil: undefined };
        case 'SignInFailed':
          return { ...state, failures: event.data.failures };
        case 'AccountLocked':
          return { ...state, failures: 0, lockedUntil: event.data.until };
        case 'AccountUnlocked':
          return { ...state, failures: 0, lockedUntil: undefined };
        case 'AccountScopeChanged': {
          const { accountId: _id, by: _by, ...scope } = event.data;
          return { ...state, scope };
        }
        case 'AccountDisabled':
          return { ...state, disabled: true };
        case 'SessionsRevoked':
          return state;
        default:
          return assertNever(event, 'account event');
      }
    },
  };
}

export const accountDecider = createAccountDecider();
