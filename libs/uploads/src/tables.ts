import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;

/**
 * Every upload this service stored since the table exists (older ones have no row and are kept):
 * claimed once a command references it; an unclaimed one is swept after a day (UnclaimedPhotoSweeper).
 */
export interface PhotoUploadsTable {
  ref: string;
  uploaded_at: Timestamp;
  claimed_at: NullableTimestamp;
  /** Set by the sweep that is removing it: from then on a command cannot claim it. */
  sweeping_at: NullableTimestamp;
}

export interface PhotoUploadsTables {
  photo_uploads: PhotoUploadsTable;
}
