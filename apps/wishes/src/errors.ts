import { defineErrorTable, errorsOf } from '@ws/kernel';
import { UPLOADS_ERRORS } from '@ws/uploads';

/** The wishes service's error codes and their HTTP statuses (anything unlisted is 422), with its photo uploads'. */
export const WISHES_ERRORS = defineErrorTable(
  {
    wish_not_found: 404,
    station_not_found: 404,
    report_not_found: 404,
    contact_erased: 404,
    decision_not_found: 404,
    station_closed: 409,
    wish_exists: 409,
    wish_status_conflict: 409,
    already_seconded: 409,
    decision_exists: 409,
    report_already_reviewed: 409,
    author_key_invalid: 403,
    merge_target_invalid: 422,
    wish_not_in_group: 422,
    decision_invalid: 422,
    idempotency_key_reused: 422,
  },
  UPLOADS_ERRORS,
);

/** An error of this service: its code must be one the table above lists. */
export const wishesError = errorsOf(WISHES_ERRORS);
