import { defineErrorTable, errorsOf } from '@ws/kernel';
import { VERIFICATION_ERRORS } from '@ws/verification';

/**
 * HTTP statuses of the membership service's error codes (the one table for this service).
 * Codes not listed are 422: a well-formed request the domain refuses (bad ID checksum,
 * emoji in a name, too few points …). The verification codes' it sends are included.
 */
export const MEMBERSHIP_ERRORS = defineErrorTable(
  {
    union_not_found: 404,
    application_not_found: 404,
    membership_not_found: 404,
    transfer_not_found: 404,
    shop_item_not_found: 404,
    person_not_found: 404,
    erasure_request_not_found: 404,
    erasure_already_requested: 409,
    erasure_request_settled: 409,
    person_already_erased: 409,
    union_already_exists: 409,
    union_not_active: 409,
    union_has_members: 409,
    union_has_child_unions: 409,
    union_has_transfers_in_flight: 409,
    application_already_exists: 409,
    application_not_pending: 409,
    application_not_awaiting_info: 409,
    already_member: 409,
    membership_already_exists: 409,
    membership_not_active: 409,
    membership_not_suspended: 409,
    transfer_in_flight: 409,
    transfer_not_pending: 409,
    transfer_already_completed: 409,
    transfer_not_local: 409,
    transfer_to_same_union: 409,
    redemption_id_reused: 409,
    entry_id_reused: 409,
    out_of_stock: 409,
    shop_item_not_listed: 409,
    shop_item_already_exists: 409,
    person_erased: 410,
    member_unauthenticated: 401,
    member_session_invalid: 401,
    too_many_applications: 429,
    lookup_locked: 429,

    // Refused by the domain rules (422, as any unlisted code): listed so that every throw names a code of this table.
    checkin_points_daily_cap: 422,
    insufficient_points: 422,
    mobile_code_required: 422,
    no_union_suggested: 422,
    points_invalid: 422,
    quantity_invalid: 422,
    street_code_required: 422,
    union_merge_into_self: 422,
    union_merge_target_inactive: 422,
    union_not_accepting: 422,
    union_parent_not_above: 422,
  },
  VERIFICATION_ERRORS,
);

/** An error of this service: its code must be one the table above lists. */
export const membershipError = errorsOf(MEMBERSHIP_ERRORS);
