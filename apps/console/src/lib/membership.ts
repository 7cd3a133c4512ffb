/** What the membership service's applications queue answers (snake_case: its read model's columns). */
export interface QueuedApplication {
  application_id: string;
  application_number: string;
  union_id: string;
  union_name: string | null;
  node_code: string;
  occupation: string;
  street_code: string | null;
  channel: string;
  station_id: string | null;
  employer: string | null;
  status: ApplicationStatus;
  submitted_at: string;
  updated_at: string;
  erased: boolean;
  age_hours: number;
}

export interface ApplicationDetail extends QueuedApplication {
  card_number?: string | null;
  person: { name: string; mobile: string | null; idNumber: string | null; disclosure: 'unmasked' | 'masked' | 'erased' | 'elsewhere' };
}

export type ApplicationStatus = 'submitted' | 'info_requested' | 'approved' | 'rejected';

/** How an application's status is tagged; its name is membership's (`label('applicationStatuses', status)`). */
export const APPLICATION_STATUS_TAGS: Record<ApplicationStatus, 'primary' | 'warning' | 'success' | 'info'> = {
  submitted: 'primary',
  info_requested: 'warning',
  approved: 'success',
  rejected: 'info',
};
