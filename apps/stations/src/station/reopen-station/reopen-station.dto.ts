import type { ReopenStation } from './reopen-station.command';

/**
 * Reopening has no body, so no DTO class: class-validator refuses an instance of a class without
 * any decorated field ("unknown value"), even `{}`.
 */
export function toReopenStation(stationId: string): ReopenStation {
  return { type: 'ReopenStation', stationId };
}
