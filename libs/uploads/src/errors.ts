import { defineErrorTable, errorsOf } from '@ws/kernel';

/** Every refusal of an upload or a photo link, with its HTTP status (the messages are at the throw sites, in Chinese); a service with uploads includes it in its table. */
export const UPLOADS_ERRORS = defineErrorTable({
  photo_missing: 400,
  photo_not_image: 415,
  photo_too_large: 413,
  photo_malformed: 422,
  photo_not_found: 404,
  photo_link_invalid: 403,
});

/** An error of the uploads: its code must be one the table above lists. */
export const uploadsError = errorsOf(UPLOADS_ERRORS);
