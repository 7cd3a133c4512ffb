import { defineErrorTable } from '@ws/kernel';

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
});
