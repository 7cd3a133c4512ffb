import { defineErrorTable, errorsOf } from '@ws/kernel';
import { UPLOADS_ERRORS } from '@ws/uploads';

/**
 * Every error code the stations service returns, with its HTTP status: a missing station is 404,
 * a command the station's current state forbids is 409, a request the domain rules refuse is 422.
 * StationsModule hands it to the platform; code that throws can only use a code listed here.
 * The activities' photo uploads add the uploads' codes (UPLOADS_ERRORS, after the table).
 */
export const STATIONS_ERRORS = defineErrorTable({
  station_not_found: 404,
  // A station code the node did not sign (a guessed or forged id): refused like a missing page.
  station_link_invalid: 404,
  // A station's public intake for this minute is used up (checkin/ingest-limits.ts).
  station_ingest_limited: 429,
  directive_not_found: 404,
  // Never received, or not addressed to this node: to it the directive does not exist.
  directive_not_received: 404,
  activity_not_found: 404,
  programme_not_found: 404,
  budget_not_found: 404,
  legal_case_not_found: 404,
  welfare_handout_not_found: 404,
  // The member cards of a handout recorded at another node (they stay where they were shown), or erased.
  welfare_cards_not_here: 404,
  // A legal-aid worker's details erased at their request (crypto-shredding): gone for good, as in jobs.
  personal_data_erased: 410,

  station_already_registered: 409,
  station_closed: 409,
  station_not_suspended: 409,
  station_already_suspended: 409,
  no_upgrade_planned: 409,
  service_not_offered: 409,
  honour_already_awarded: 409,
  directive_already_issued: 409,
  directive_withdrawn: 409,
  // A district node has no child nodes to direct.
  no_child_nodes: 409,
  activity_already_planned: 409,
  activity_station_closed: 409,
  activity_cancelled: 409,
  welfare_station_closed: 409,
  // Stock never goes negative: a handout from stock takes at most what is there.
  welfare_stock_insufficient: 409,
  activity_already_held: 409,
  activity_takes_no_signups: 409,
  activity_signup_closed: 409,
  activity_full: 409,
  programme_already_launched: 409,
  programme_closed: 409,
  programme_station_closed: 409,
  programme_places_exhausted: 409,
  budget_already_allocated: 409,
  // Spending never goes past the budget's balance.
  budget_exceeded: 409,
  budget_below_spent: 409,
  legal_case_exists: 409,
  legal_case_station_closed: 409,
  // A step the case's state does not allow (settled before mediation, closed twice …).
  legal_case_wrong_state: 409,

  invalid_text: 422,
  invalid_location: 422,
  invalid_opening_hours: 422,
  invalid_street_code: 422,
  invalid_community_code: 422,
  invalid_seats: 422,
  invalid_contact_phone: 422,
  invalid_manager_id: 422,
  unknown_station_kind: 422,
  unknown_station_tier: 422,
  unknown_station_host: 422,
  unknown_facility: 422,
  unknown_standard: 422,
  unknown_service: 422,
  unknown_honour_level: 422,
  invalid_suspension_end: 422,
  invalid_due_date: 422,
  upgrade_not_needed: 422,
  upgrade_incomplete: 422,
  invalid_schedule: 422,
  review_year_invalid: 422,
  invalid_review_scores: 422,
  honour_year_invalid: 422,
  invalid_deadline: 422,
  invalid_target: 422,
  invalid_addressee: 422,
  unknown_activity_kind: 422,
  invalid_activity_date: 422,
  invalid_places: 422,
  invalid_count: 422,
  activity_held_before_planned: 422,
  activity_held_in_future: 422,
  new_form_exceeds_participants: 422,
  too_many_photos: 422,
  // A held activity names a photo reference no upload to this node stored.
  photo_not_uploaded: 422,
  invalid_signup_key: 422,
  unknown_welfare_kind: 422,
  hotline_is_mobile: 422,
  invalid_hotline: 422,
  invalid_partners: 422,
  unknown_station_class: 422,
  unknown_welfare_occasion: 422,
  invalid_quantity: 422,
  invalid_amount: 422,
  invalid_welfare_date: 422,
  welfare_date_in_future: 422,
  invalid_occupations: 422,
  unknown_programme_kind: 422,
  invalid_programme_target: 422,
  invalid_programme_period: 422,
  invalid_delivery_date: 422,
  // The programme's share rule (e.g. 新就业形态 ≥ 20 %) could no longer be met, even were the rest of the target all new-form workers.
  invalid_quota_rule: 422,
  programme_quota_unreachable: 422,
  invalid_budget_year: 422,
  unknown_spending_category: 422,
  invalid_spending_date: 422,
  unknown_legal_case_kind: 422,
  unknown_referral_partner: 422,
  unknown_case_outcome: 422,
  invalid_case_date: 422,
  invalid_worker_details: 422,

  // Check-ins: a batch as a whole, then the reasons one visit is refused (a single check-in
  // answers with its reason as the error code).
  checkin_batch_too_large: 413,
  checkin_batch_empty: 422,
  invalid_visit: 422,
  invalid_visit_key: 422,
  invalid_visit_time: 422,
  visit_in_future: 422,
  visit_too_old: 422,
  unknown_occupation: 422,
  invalid_member_card: 422,
  // Member cards at a handout: repeated, or more of them than people reached.
  invalid_member_cards: 422,
  unknown_visit_field: 422,

  // Queries of the read models a request asks in a way they cannot answer.
  // The facility codes of the standards outgrew the nearest-station index's bit set (a code change, not a request's fault).
  too_many_facility_codes: 422,
  invalid_query: 422,
  invalid_coverage_options: 422,
  // Compliance or the directory's conformity asked without a standard while the node has adopted none.
  no_standard_adopted: 422,
}, UPLOADS_ERRORS);

export type StationsErrorCode = keyof typeof STATIONS_ERRORS.statuses;

/** An error of this service: its code must be one the table above lists. */
export const stationsError = errorsOf(STATIONS_ERRORS);
