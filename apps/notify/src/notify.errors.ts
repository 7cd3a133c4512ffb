import { defineErrorTable, errorsOf } from '@ws/kernel';

/** HTTP statuses of the notify service's error codes (unlisted codes are 422). */
export const NOTIFY_ERRORS = defineErrorTable({
  proof_invalid: 401,
  owner_unavailable: 503,
  message_not_found: 404,
  delivery_not_found: 404,
  link_not_found: 404,
  dev_box_off: 404,
  channel_off: 409,
  // A browser's push service outside the node's allowed origins.
  push_endpoint_refused: 422,
});

/** An error of this service: its code must be one the table above lists. */
export const notifyError = errorsOf(NOTIFY_ERRORS);
