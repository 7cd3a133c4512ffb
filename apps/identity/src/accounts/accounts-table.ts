import type { Transaction } from 'kysely';
import type { EventEnvelope } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import type { IdentityDatabase } from '../db/database';
import type { AccountEvent } from './account.events';

/** Keeps an account's row as its events leave it, in their transaction. */
export async function applyToAccountRow(trx: Transaction<IdentityDatabase>, written: EventEnvelope[]): Promise<void> {
  for (const envelope of written) {
    const event = envelope as unknown as AccountEvent;
    const row = trx.updateTable('accounts').where('account_id', '=', event.data.accountId);
    switch (event.type) {
      case 'AccountCreated':
        break; // inserted with the user name, before the append
      case 'PasswordChanged':
        await row.set({ must_change_password: event.data.mustChangePassword }).execute();
        break;
      case 'TotpEnrolled':
        await row.set({ totp_enrolled: true }).execute();
        break;
      case 'TotpReset':
        await row.set({ totp_enrolled: false }).execute();
        break;
      case 'SignedIn':
      case 'AccountUnlocked':
        await row.set({ locked_until: null }).execute();
        break;
      case 'AccountLocked':
        await row.set({ locked_until: event.data.until }).execute();
        break;
      case 'AccountScopeChanged':
        await row.set({ role: event.data.role, street: event.data.street ?? null, station: event.data.station ?? null }).execute();
        break;
      case 'AccountDisabled':
        await row.set({ disabled: true }).execute();
        break;
      case 'SignInFailed':
      case 'SessionsRevoked':
        break;
      default:
        assertNever(event, 'account event');
    }
  }
}
