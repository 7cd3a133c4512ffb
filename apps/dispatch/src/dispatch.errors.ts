import { defineErrorTable, errorsOf } from '@ws/kernel';
import { UPLOADS_ERRORS } from '@ws/uploads';
import { VERIFICATION_ERRORS } from '@ws/verification';

/** HTTP statuses of the dispatch service's error codes (unlisted codes are 422), with its photo uploads' and verification codes'. */
export const DISPATCH_ERRORS = defineErrorTable(
  {
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
    swap_already_requested: 409,
    swap_request_not_found: 404,
    invitation_not_yours: 403,
    not_task_assignee: 403,
    not_shift_holder: 403,
    volunteer_unauthenticated: 401,
    personal_data_erased: 410,

    // Refused by the domain rules (422, as any unlisted code): listed so that every throw names a code of this table.
    availability_invalid: 422,
    hours_out_of_range: 422,
    proof_attendees_required: 422,
    shift_times_invalid: 422,
    skill_repeated: 422,
    street_outside_node: 422,
    swap_to_same_volunteer: 422,
  },
  UPLOADS_ERRORS,
  VERIFICATION_ERRORS,
);

/** An error of this service: its code must be one the table above lists. */
export const dispatchError = errorsOf(DISPATCH_ERRORS);
