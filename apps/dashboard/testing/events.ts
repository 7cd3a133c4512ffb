import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@ws/testing/nats';
import type { NodeRef } from '@ws/contracts';
import { publishForeignEvent } from '@ws/testing/service-process';

/** A batch of check-ins at one station, published as the stations service's outbox relay does. */
export function publishVisits(nc: NatsConnection, node: NodeRef, occupations: string[], at = new Date()) {
  const stationId = randomUUID();
  return publishForeignEvent(nc, {
    node,
    context: 'stations',
    aggregate: 'checkins',
    aggregateId: stationId,
    type: 'VisitsRecorded',
    data: { stationId, visits: occupations.map((occupation, index) => ({ key: `k-${randomUUID()}-${index}`, at: at.toISOString(), occupation })) },
  });
}
