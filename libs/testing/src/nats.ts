// Test code's one door to nats.js: specs, benchmarks and test helpers publish raw messages, read
// streams and stop servers' consumers as no service would. Import rules (.dependency-cruiser.cjs)
// let only libs/messaging and libs/testing import @nats-io; shipped code goes through libs/messaging.
export { connect, headers } from '@nats-io/transport-node';
export type { NatsConnection, Subscription } from '@nats-io/transport-node';
export { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
export type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
