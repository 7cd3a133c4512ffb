import { defineErrorTable, errorsOf } from '@ws/kernel';

/** HTTP statuses of the identity service's error codes (unlisted codes are 422). */
export const IDENTITY_ERRORS = defineErrorTable({
  account_not_found: 404,
  account_exists: 409,
  user_name_taken: 409,
  account_locked: 423,
  account_disabled: 403,
  totp_already_enrolled: 409,
  sign_in_failed: 401,
  role_not_allowed: 403,
  own_account: 403,
  no_signing_key_file: 409,

  // What the account rules refuse (scope-rules.ts, password-rules.ts, account-commands.ts, account.decider.ts).
  node_mismatch: 422,
  role_not_for_node: 422,
  street_required: 422,
  street_not_allowed: 422,
  station_required: 422,
  station_not_allowed: 422,
  password_too_short: 422,
  password_too_long: 422,
  password_too_simple: 422,
  password_contains_user_name: 422,
  password_too_common: 422,
  user_name_invalid: 422,
  display_name_required: 422,
});

/** An error of this service: its code must be one the table above lists. */
export const identityError = errorsOf(IDENTITY_ERRORS);
