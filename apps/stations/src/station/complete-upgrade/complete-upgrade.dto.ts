import type { CompleteUpgrade } from './complete-upgrade.command';

/**
 * Completing an upgrade has no body (the planned standard is checked against the station's
 * current facilities), so no DTO class: class-validator refuses an instance of a class without
 * any decorated field, even `{}`.
 */
export function toCompleteUpgrade(stationId: string): CompleteUpgrade {
  return { type: 'CompleteUpgrade', stationId };
}
