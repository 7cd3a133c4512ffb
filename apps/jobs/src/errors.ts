import { defineErrorTable, errorsOf } from '@ws/kernel';
import { VERIFICATION_ERRORS } from '@ws/verification';

/** The jobs service's error codes and their HTTP statuses (anything unlisted is 422), with the verification codes' it sends. */
export const JOBS_ERRORS = defineErrorTable(
  {
    jobs_unauthenticated: 401,
    employer_not_found: 404,
    posting_not_found: 404,
    seeker_not_found: 404,
    application_not_found: 404,
    station_not_found: 404,
    fair_not_found: 404,
    personal_data_erased: 410,
    employer_status_conflict: 409,
    posting_status_conflict: 409,
    application_status_conflict: 409,
    posting_not_open: 409,
    mobile_already_registered: 409,
    already_rated: 409,
    fair_status_conflict: 409,
    fair_not_started: 409,
    street_outside_node: 422,
    credit_code_invalid_format: 422,
    credit_code_bad_checksum: 422,
    pay_range_inverted: 422,
    posting_in_past: 422,
    mobile_not_verified: 422,
    employer_not_approved: 422,
    employer_suspended: 422,
    fair_in_past: 422,
    fair_ends_before_start: 422,
    fair_posting_not_attached: 422,
    posting_not_due: 422,
  },
  VERIFICATION_ERRORS,
);

/** An error of this service: its code must be one the table above lists. */
export const jobsError = errorsOf(JOBS_ERRORS);
