import { Migration } from 'kysely';
import { verificationMigrations } from '@ws/verification';
import * as jobs from './20261126070000_jobs';
import * as applications from './20261206210000_applications';
import * as search from './20261206213000_search';
import * as matching from './20261206220000_matching';
import * as figures from './20261206223000_figures';
import * as fairs from './20261206230000_fairs';
import * as reports from './20261207003000_reports';
import * as piiAccessLog from './20261207040000_pii_access_log';
import * as employerRatings from './20261207041000_employer_ratings';

/** The jobs service's migrations, by timestamped name (the event store's are added by the platform). */
export const jobsMigrations: Record<string, Migration> = {
  ...verificationMigrations,
  '20261126070000_jobs': jobs,
  '20261206210000_applications': applications,
  '20261206213000_search': search,
  '20261206220000_matching': matching,
  '20261206223000_figures': figures,
  '20261206230000_fairs': fairs,
  '20261207003000_reports': reports,
  '20261207040000_pii_access_log': piiAccessLog,
  '20261207041000_employer_ratings': employerRatings,
};
