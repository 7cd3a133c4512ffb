import { Migration } from 'kysely';
import { uploadsMigrations } from '@ws/uploads';
import { verificationMigrations } from '@ws/verification';
import * as dispatch from './20261123020000_dispatch';
import * as piiAccessLog from './20261124010000_pii_access_log';
import * as smsConsent from './20261125040000_volunteer_sms_consent';

/** The dispatch service's migrations, by timestamped name (the event store's are added by the platform). */
export const dispatchMigrations: Record<string, Migration> = {
  '20261123020000_dispatch': dispatch,
  '20261124010000_pii_access_log': piiAccessLog,
  ...verificationMigrations,
  '20261125040000_volunteer_sms_consent': smsConsent,
  ...uploadsMigrations,
};
