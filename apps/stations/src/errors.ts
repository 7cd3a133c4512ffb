import { DomainError, registerErrorStatuses } from '@ws/kernel';

/**
 * Every error code the stations service returns, with its HTTP status: a missing station is 404,
 * a command the station's current state forbids is 409, a request the domain rules refuse is 422.
 * Registered once at module load; code that throws can only use a code listed here.
 */
export const STATIONS_ERROR_STATUSES = {
  station_not_found: 404,
  directive_not_found: 404,
  // Never received, or not addressed to this node: to it the directive does not exist.
  directive_not_received: 404,

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
  unknown_visit_field: 422,
} as const;

export type StationsErrorCode = keyof typeof STATIONS_ERROR_STATUSES;

registerErrorStatuses(STATIONS_ERROR_STATUSES);

/** A DomainError whose code is one of this service's registered codes. */
export function stationsError(code: StationsErrorCode, message: string, field?: string, details?: Record<string, unknown>): DomainError {
  return new DomainError(code, message, field, details);
}
