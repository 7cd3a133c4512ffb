import { Migration } from 'kysely';
import { uploadsMigrations } from '@ws/uploads';
import * as readModels from './20261123010000_stations_read_models';
import * as directives from './20261201120000_directives';
import * as activities from './20261215090000_activities';
import * as stationOrigin from './20261216120000_station_origin';
import * as welfare from './20261220090000_welfare';
import * as stationNotice from './20261220100000_station_notice';
import * as programmes from './20261221090000_programmes';
import * as funds from './20261221100000_funds';
import * as legalAid from './20261221110000_legal_aid';
import * as wishRatings from './20261222090000_wish_ratings';
import * as welfareMemberCards from './20261223090000_welfare_member_cards';
import * as welfareHandoutList from './20261224093000_welfare_handout_list';
import * as fundSpendingList from './20261225090000_fund_spending_list';
import * as legalWorkerErasure from './20261226090000_legal_worker_erasure';

/** The stations service's migrations, by timestamped name (the event store's are added by the platform). */
export const stationsMigrations: Record<string, Migration> = {
  '20261123010000_stations_read_models': readModels,
  '20261201120000_directives': directives,
  '20261215090000_activities': activities,
  '20261216120000_station_origin': stationOrigin,
  '20261220090000_welfare': welfare,
  '20261220100000_station_notice': stationNotice,
  '20261221090000_programmes': programmes,
  '20261221100000_funds': funds,
  '20261221110000_legal_aid': legalAid,
  '20261222090000_wish_ratings': wishRatings,
  '20261223090000_welfare_member_cards': welfareMemberCards,
  '20261224093000_welfare_handout_list': welfareHandoutList,
  '20261225090000_fund_spending_list': fundSpendingList,
  '20261226090000_legal_worker_erasure': legalWorkerErasure,
  ...uploadsMigrations,
};
