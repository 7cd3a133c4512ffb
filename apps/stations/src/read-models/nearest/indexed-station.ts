import type { OpeningHours } from '@ws/contracts';
import type { ShortNotice } from '../directory/station-notice';

/** What the nearest-station index keeps of a station: enough to filter and to answer. */
export interface IndexedStation {
  id: string;
  name: string;
  lng: number;
  lat: number;
  facilities: readonly string[];
  hours: OpeningHours;
  status: 'active' | 'suspended' | 'closed';
  suspendedUntil?: string; // ISO instant
  tier: string;
  kind: string;
  stars?: number;
  /** The class, hotline and hours a worker looks for before going (the directory's short notice). */
  notice?: ShortNotice;
}

export interface NearestQuery {
  lng: number;
  lat: number;
  k: number;
  facility?: string; // required facility code
  openAt?: Date; // default: now
  /** In service at openAt whatever the hour (coverage measures the network, not tonight's hours); default false. */
  anyHour?: boolean;
  maxDistanceKm?: number; // default: DEFAULT_MAX_DISTANCE_KM
}

export interface NearestResult {
  station: IndexedStation;
  distanceKm: number;
}

/** Bounds every search, so a filter that matches few stations still visits only nearby ones. */
export const DEFAULT_MAX_DISTANCE_KM = 50;
