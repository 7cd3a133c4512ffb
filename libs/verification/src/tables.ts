import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** One live code per mobile (keyed hash) and purpose. */
export interface VerificationCodesTable {
  mobile_hash: string;
  purpose: string;
  code_hash: string;
  request_id: string;
  issued_at: Timestamp;
  expires_at: Timestamp;
  attempts: number;
  consumed_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  /** Asia/Shanghai day of `sent_today`. */
  day: string;
  sent_today: number;
}

export interface VerificationTables {
  verification_codes: VerificationCodesTable;
}
