export * from './connection';
export * from './follow-stream';
export * from './envelope';
export * from './streams';
export * from './publisher';
export * from './outbox-publisher';
export * from './consume';
export * from './requests';
export * from './nats-config';
export * from './nats-config-credentials';
export * from './service-permissions';
export * from './transport/event-pattern';
export * from './transport/jetstream-context';
export * from './transport/jetstream-transport';
// Test support, exported here because the path aliases map only the lib's index.
export * from './testing/nats-process';
export * from './transport/reaction-policy';
export * from './identity-directives';
