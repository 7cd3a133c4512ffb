export * from './checkpoints';
export * from './projection';
export * from './projection-runner';
export * from './projection-metrics';
export * from './projection-leases';
export * from './rebuilds';
export * from './parked-messages';
export * from './seen-events';
