import { Migration } from 'kysely';
import { verificationMigrations } from '@ws/verification';
import * as membership from './20261123020000_membership';
import * as transfers from './20261123030000_membership_transfers';
import * as handover from './20261123040000_membership_handover';
import * as treeAndQueue from './20261124010000_membership_tree_and_queue';
import * as counts from './20261124020000_membership_counts';
import * as notify from './20261125020000_membership_notify';
import * as memberSessions from './20261207010000_member_sessions';
import * as readVersions from './20261207030000_membership_read_versions';
import * as officerLists from './20261207100000_membership_officer_lists';

/** The membership service's migrations, by timestamped name (the event store's are added by the platform). */
export const membershipMigrations: Record<string, Migration> = {
  '20261123020000_membership': membership,
  '20261123030000_membership_transfers': transfers,
  '20261123040000_membership_handover': handover,
  '20261124010000_membership_tree_and_queue': treeAndQueue,
  '20261124020000_membership_counts': counts,
  ...verificationMigrations,
  '20261125020000_membership_notify': notify,
  '20261207010000_member_sessions': memberSessions,
  '20261207030000_membership_read_versions': readVersions,
  '20261207100000_membership_officer_lists': officerLists,
};
