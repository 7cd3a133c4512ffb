/** What the membership service's applications queue answers for an application. */
export interface QueuedApplication {
  applicationId: string;
  applicationNumber: string;
  unionId: string;
  unionName: string | null;
  nodeCode: string;
  occupation: string;
  streetCode: string | null;
  channel: string;
  stationId: string | null;
  employer: string | null;
  status: ApplicationStatus;
  submittedAt: string;
  updatedAt: string;
  erased: boolean;
  ageHours: number;
}

/** One application as GET /applications/:id answers it (no age; the person as the officer may see them). */
export interface ApplicationDetail extends Omit<QueuedApplication, 'ageHours'> {
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
