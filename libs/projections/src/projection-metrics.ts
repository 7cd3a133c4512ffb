import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus series for every projection of a service, labelled by projection name. */
export interface ProjectionMetrics {
  position: Gauge<'projection'>;
  lag: Gauge<'projection'>;
  /** 1 while this process applies the projection, 0 while it stands by (another process holds the lease). */
  leading: Gauge<'projection'>;
  applied: Counter<'projection'>;
  failures: Counter<'projection'>;
  /** Messages set aside (unreadable, a schema too new, failing every time) so the projection could go on. */
  parked: Counter<'projection'>;
  batchSeconds: Histogram<'projection'>;
}

export function createProjectionMetrics(registry: Registry): ProjectionMetrics {
  const labelNames = ['projection'] as const;
  return {
    position: new Gauge({ name: 'ws_projection_position', help: 'Stream sequence last applied', labelNames, registers: [registry] }),
    lag: new Gauge({ name: 'ws_projection_lag_events', help: 'Stream positions not yet applied', labelNames, registers: [registry] }),
    leading: new Gauge({ name: 'ws_projection_leading', help: 'Whether this process applies the projection (1) or stands by (0)', labelNames, registers: [registry] }),
    applied: new Counter({ name: 'ws_projection_events_applied_total', help: 'Events applied to read models', labelNames, registers: [registry] }),
    failures: new Counter({ name: 'ws_projection_failures_total', help: 'Batches that failed and were retried from the checkpoint', labelNames, registers: [registry] }),
    parked: new Counter({ name: 'ws_projection_parked_total', help: 'Messages a projection parked to go on past them', labelNames, registers: [registry] }),
    batchSeconds: new Histogram({
      name: 'ws_projection_batch_seconds',
      help: 'Time to apply one batch and commit its checkpoint',
      labelNames,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}
