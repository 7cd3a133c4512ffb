import { registerErrorStatuses } from '@ws/kernel';

/** HTTP statuses of the dispatch service's error codes (unlisted codes are 422). */
registerErrorStatuses({
  task_not_found: 404,
  invitation_not_found: 404,
  volunteer_not_found: 404,
  shift_not_found: 404,
  task_already_exists: 409,
  invitation_already_accepted: 409,
  invitation_already_declined: 409,
  invitation_expired: 409,
  invitation_withdrawn: 409,
  task_already_started: 409,
  task_already_completed: 409,
  task_cancelled: 409,
  task_not_assigned: 409,
  volunteer_already_registered: 409,
  volunteer_retired: 409,
  shift_already_scheduled: 409,
  shift_already_served: 409,
  shift_already_started: 409,
  shift_not_started: 409,
  invitation_not_yours: 403,
  not_task_assignee: 403,
  not_shift_holder: 403,
  volunteer_unauthenticated: 401,
  personal_data_erased: 410,
});
