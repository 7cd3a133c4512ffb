import type { PhotoLink } from './photos';

/** An activity (活动) as the stations read model answers it (GET /activities, /activities/:id). */
export interface Activity {
  activityId: string;
  districtCode: string;
  stationId: string | null;
  /** The directory's name of the station (null for a street's activity). */
  stationName: string | null;
  streetCode: string;
  kind: string;
  kindLabel: string;
  title: string;
  organiser: string;
  partners: string[];
  /** The station's service package it delivers (a code of `label('services')`). */
  service: string | null;
  plannedOn: string;
  heldOn: string | null;
  status: ActivityStatus;
  cancelReason: string | null;
  /** null: the activity takes no sign-ups (workers just come). */
  places: number | null;
  confirmed: number;
  waitlisted: number;
  participants: number | null;
  newFormParticipants: number | null;
  photos: string[];
  /** The held activity's photos with links to see them (at the node that recorded it). */
  photoLinks: PhotoLink[];
}

/** Photos a held activity may carry (the stations service's ACTIVITY_PHOTOS_MAX). */
export const ACTIVITY_PHOTOS_MAX = 9;

export type ActivityStatus = 'planned' | 'held' | 'cancelled';

/** How a status is tagged; its name is the stations service's (`label('activityStatuses', status)`). */
export const ACTIVITY_STATUS_TAGS: Record<ActivityStatus, 'primary' | 'success' | 'info'> = { planned: 'primary', held: 'success', cancelled: 'info' };

/**
 * Sign-ups as people read them: places taken of the places, and the waiting list, which the
 * service keeps as long as the places at most.
 */
export function signUpText(activity: Pick<Activity, 'places' | 'confirmed' | 'waitlisted'>): string {
  if (activity.places === null) return '无需报名';
  return `${activity.confirmed}/${activity.places}${activity.waitlisted > 0 ? ` · 候补 ${activity.waitlisted}` : ''}`;
}
