import { spec } from '@ws/testing';
import type { AccountCreated, AccountEvent } from './account.events';
import { accountDecider } from './account.decider';

const NOW = new Date('2026-06-01T02:00:00.000Z');
const accountId = '01960000-0000-7000-8000-0000000000a1';
const station = '01960000-0000-7000-8000-0000000000b1';
const created: AccountCreated = { type: 'AccountCreated', data: { accountId, by: 'boss', mustChangePassword: true, role: 'street_officer', node: '330802', street: '330802001' } };
const failed = (failures: number, reason: 'password' | 'totp' = 'password'): AccountEvent => ({ type: 'SignInFailed', data: { accountId, reason, failures } });
const fourFailures = [created, failed(1), failed(2), failed(3), failed(4)];
const LOCK_UNTIL = '2026-06-01T02:15:00.000Z';

describe('account decider', () => {
  it('creates an account whose role fits its node and whose scope its role needs', () => {
    spec(accountDecider).given([]).when({ type: 'CreateAccount', accountId, by: 'boss', mustChangePassword: true, role: 'street_officer', node: '330802', street: '330802001' }).then([created]);
    spec(accountDecider).given([created]).when({ type: 'CreateAccount', accountId, by: 'boss', mustChangePassword: true, role: 'district_officer', node: '330802' }).thenError('account_exists');
  });

  it.each([
    [{ role: 'province_officer', node: '330802' }, 'role_not_for_node', 'role'],
    [{ role: 'city_officer', node: '33' }, 'role_not_for_node', 'role'],
    [{ role: 'street_officer', node: '330802' }, 'street_required', 'street'],
    [{ role: 'street_officer', node: '330802', street: '330424001' }, 'street_required', 'street'],
    [{ role: 'district_officer', node: '330802', street: '330802001' }, 'street_not_allowed', 'street'],
    [{ role: 'station_manager', node: '330802' }, 'station_required', 'station'],
    [{ role: 'district_officer', node: '330802', station }, 'station_not_allowed', 'station'],
  ] as const)('refuses the scope %j (%s)', (scope, code, field) => {
    spec(accountDecider).given([]).when({ type: 'CreateAccount', accountId, by: 'boss', mustChangePassword: true, ...scope }).thenError(code, field);
  });

  it('accepts ops_admin at any level and a station manager with a station', () => {
    spec(accountDecider).given([]).when({ type: 'CreateAccount', accountId, by: 'boss', mustChangePassword: false, role: 'ops_admin', node: '33' }).then([
      { type: 'AccountCreated', data: { accountId, by: 'boss', mustChangePassword: false, role: 'ops_admin', node: '33' } },
    ]);
    spec(accountDecider).given([]).when({ type: 'CreateAccount', accountId, by: 'boss', mustChangePassword: true, role: 'station_manager', node: '330802', station }).then([
      { type: 'AccountCreated', data: { accountId, by: 'boss', mustChangePassword: true, role: 'station_manager', node: '330802', station } },
    ]);
  });

  it('counts failed sign-ins and locks for 15 minutes at the fifth, with the time left in Chinese', () => {
    spec(accountDecider, NOW).given([created, failed(1)]).when({ type: 'RecordSignIn', outcome: 'bad_totp' }).then([failed(2, 'totp')]);
    spec(accountDecider, NOW).given(fourFailures).when({ type: 'RecordSignIn', outcome: 'bad_password' }).then([
      failed(5),
      { type: 'AccountLocked', data: { accountId, until: LOCK_UNTIL } },
    ]);
    const locked = [...fourFailures, failed(5), { type: 'AccountLocked', data: { accountId, until: LOCK_UNTIL } } as AccountEvent];
    const error = spec(accountDecider, new Date('2026-06-01T02:05:30.000Z')).given(locked).when({ type: 'RecordSignIn', outcome: 'ok' }).thenError('account_locked');
    expect(error.message).toContain('请 10 分钟后再试');
  });

  it('starts the count again after a success, an unlock, or a lock that ran out', () => {
    spec(accountDecider, NOW).given([...fourFailures, { type: 'SignedIn', data: { accountId } }]).when({ type: 'RecordSignIn', outcome: 'bad_password' }).then([failed(1)]);
    const locked = [...fourFailures, failed(5), { type: 'AccountLocked', data: { accountId, until: LOCK_UNTIL } } as AccountEvent];
    spec(accountDecider, NOW).given(locked).when({ type: 'Unlock', by: 'boss' }).then([{ type: 'AccountUnlocked', data: { accountId, by: 'boss' } }]);
    spec(accountDecider, NOW).given([...locked, { type: 'AccountUnlocked', data: { accountId, by: 'boss' } }]).when({ type: 'RecordSignIn', outcome: 'ok' }).then([{ type: 'SignedIn', data: { accountId } }]);
    spec(accountDecider, new Date('2026-06-01T02:16:00.000Z')).given(locked).when({ type: 'RecordSignIn', outcome: 'bad_password' }).then([failed(1)]);
    spec(accountDecider, NOW).given([created]).when({ type: 'Unlock', by: 'boss' }).thenNothing();
  });

  it('enrols one authenticator until an officer resets it', () => {
    spec(accountDecider).given([created]).when({ type: 'EnrolTotp' }).then([{ type: 'TotpEnrolled', data: { accountId } }]);
    spec(accountDecider).given([created, { type: 'TotpEnrolled', data: { accountId } }]).when({ type: 'EnrolTotp' }).thenError('totp_already_enrolled');
    spec(accountDecider)
      .given([created, { type: 'TotpEnrolled', data: { accountId } }, { type: 'TotpReset', data: { accountId, by: 'boss' } }])
      .when({ type: 'EnrolTotp' })
      .then([{ type: 'TotpEnrolled', data: { accountId } }]);
  });

  it('changes the password, a reset by an officer forcing another change', () => {
    spec(accountDecider).given([created]).when({ type: 'ChangePassword', by: 'self', mustChangePassword: false }).then([
      { type: 'PasswordChanged', data: { accountId, by: 'self', mustChangePassword: false } },
    ]);
  });

  it('re-scopes within the node only', () => {
    spec(accountDecider).given([created]).when({ type: 'ChangeScope', by: 'boss', role: 'district_officer', node: '330802' }).then([
      { type: 'AccountScopeChanged', data: { accountId, by: 'boss', role: 'district_officer', node: '330802' } },
    ]);
    spec(accountDecider).given([created]).when({ type: 'ChangeScope', by: 'boss', role: 'city_officer', node: '3308' }).thenError('node_mismatch', 'node');
  });

  it('refuses everything but revocation on a disabled account', () => {
    const disabled = [created, { type: 'AccountDisabled', data: { accountId, by: 'boss' } } as AccountEvent];
    spec(accountDecider, NOW).given(disabled).when({ type: 'RecordSignIn', outcome: 'ok' }).thenError('account_disabled');
    spec(accountDecider).given(disabled).when({ type: 'RevokeSessions', sessionIds: ['g1'], reason: 'disabled', until: LOCK_UNTIL }).then([
      { type: 'SessionsRevoked', data: { accountId, sessionIds: ['g1'], reason: 'disabled', until: LOCK_UNTIL } },
    ]);
    spec(accountDecider).given([created]).when({ type: 'RevokeSessions', sessionIds: [], reason: 'logout', until: LOCK_UNTIL }).thenNothing();
  });

  it('knows no account that was never created', () => {
    spec(accountDecider).given([]).when({ type: 'Disable', by: 'boss' }).thenError('account_not_found');
  });
});
