import { defineErrorTable } from '@ws/kernel';

/** HTTP statuses of the notify service's error codes (unlisted codes are 422). */
export const NOTIFY_ERRORS = defineErrorTable({
  proof_invalid: 401,
  owner_unavailable: 503,
  message_not_found: 404,
  delivery_not_found: 404,
  link_not_found: 404,
  dev_box_off: 404,
  channel_off: 409,
});
