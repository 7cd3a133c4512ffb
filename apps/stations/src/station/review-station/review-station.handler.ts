import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import type { Principal } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { measuredYear } from '../../read-models/reviews/review-measures';
import { StationCommands, type StationOutcome } from '../station-commands';
import { type ReviewStationDto, toReviewStation } from './review-station.dto';

/** A review scores usage and satisfaction from what the read models measured over the year, never from what is typed. */
@Injectable()
export class ReviewStationHandler {
  constructor(
    private readonly stations: StationCommands,
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
  ) {}

  async review(stationId: string, dto: ReviewStationDto, principal: Principal, expectedVersion?: number): Promise<StationOutcome> {
    return this.stations.run(toReviewStation(stationId, dto, await measuredYear(this.db, stationId, dto.year)), principal, expectedVersion);
  }
}
