import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { STATIONS_CONTEXT, StandardAdopted, subtreeContextFilter } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { StationsDatabase } from '../../db/database';

/** The facility standard each node of the subtree adopted (the latest adoption wins). */
@ReadModel()
@Injectable()
export class AdoptedStandardsProjection implements Projection<StationsDatabase> {
  readonly name = 'stations.adopted-standards';
  readonly tables = ['adopted_standards'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, STATIONS_CONTEXT, 'node-standard');
  }

  async apply(trx: Transaction<StationsDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { envelope } of events) {
      if (envelope.type !== 'StandardAdopted') continue;
      const data = envelope.data as StandardAdopted['data'];
      const adoptedAt = new Date(envelope.occurredAt);
      await trx
        .insertInto('adopted_standards')
        .values({ node_code: data.nodeCode, standard: data.standard, adopted_at: adoptedAt })
        .onConflict((oc) => oc.column('node_code').doUpdateSet({ standard: data.standard, adopted_at: adoptedAt }))
        .execute();
    }
  }
}
