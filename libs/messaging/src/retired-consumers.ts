import { JetStreamApiError, type JetStreamManager } from '@nats-io/jetstream';
import type { BusService } from './service-permissions';

const CONSUMER_NOT_FOUND = 10014;

/**
 * The durable consumers on EVT that the JetStream transport (`@EventPattern`) had made for a
 * service, by the service that owned them: the reactions that replaced them take over their
 * position once and delete them (@Reaction's `replaces`). Listed here, not in the services,
 * because a service's nats user may delete no consumer but these (servicePermissions): every
 * other consumer is an ephemeral one with a random name, removed by the server once unused.
 */
export const RETIRED_DURABLES = {
  membership: ['membership__wishes_report_ReportRewarded', 'membership__dispatch_task_TaskCompleted', 'membership__stations_checkins_VisitsRecorded'],
  dispatch: ['dispatch__wishes_demand_DemandDispatchDecided', 'dispatch__wishes_wish_WishReopened'],
  wishes: ['wishes__dispatch_task_any'],
} as const satisfies Partial<Record<BusService, readonly string[]>>;

/** The retired durables of `service` (none for most). */
export function retiredDurablesOf(service: BusService): readonly string[] {
  return (RETIRED_DURABLES as Partial<Record<BusService, readonly string[]>>)[service] ?? [];
}

/**
 * How far a durable consumer had got: every message of the stream up to this sequence was
 * acknowledged. Undefined when there is no such consumer. For a checkpointed reaction taking over
 * from a durable consumer of the JetStream transport it replaced (see @Reaction's `replaces`).
 */
export async function durableAckFloor(jsm: JetStreamManager, stream: string, durable: string): Promise<number | undefined> {
  try {
    return (await jsm.consumers.info(stream, durable)).ack_floor.stream_seq;
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === CONSUMER_NOT_FOUND) return undefined;
    throw error;
  }
}

/** Deletes a durable consumer that nothing reads any more; one already gone is fine. */
export async function deleteDurable(jsm: JetStreamManager, stream: string, durable: string): Promise<void> {
  try {
    await jsm.consumers.delete(stream, durable);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === CONSUMER_NOT_FOUND)) throw error;
  }
}
