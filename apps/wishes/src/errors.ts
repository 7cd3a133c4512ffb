import { registerErrorStatuses } from '@ws/kernel';

/** The wishes service's error codes and their HTTP statuses (anything unlisted is 422). */
export const WISHES_ERROR_STATUSES = {
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
  not_your_wish: 403,
  merge_target_invalid: 422,
  wish_not_in_group: 422,
  decision_invalid: 422,
  report_invalid: 422,
  wish_invalid: 422,
} as const;

export type WishesErrorCode = keyof typeof WISHES_ERROR_STATUSES;

registerErrorStatuses(WISHES_ERROR_STATUSES);
