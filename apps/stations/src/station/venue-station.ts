import type { CommandRunner } from '@ws/platform';
import { stationAggregate } from '../aggregates';
import { offeredServices } from './station.state';
import type { VenueStation } from './venue';

// Apart from venue.ts, whose checks the deciders use: the deciders are in aggregates.ts, so a
// decider importing this load would import itself before it is defined.

/** The station as its stream stands, for a command that must not act at a closed or unknown one. */
export async function venueStation(commands: CommandRunner, stationId: string): Promise<VenueStation> {
  const { state } = await commands.load(stationAggregate, stationId);
  return { status: state.status, streetCode: state.details?.streetCode ?? null, services: offeredServices(state) };
}
