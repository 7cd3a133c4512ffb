export * from './platform-config';
export * from './tokens';
export * from './read-model.decorator';
export * from './projections.service';
export * from './outbox-relay.service';
export * from './platform.module';
export * from './bootstrap';
export * from './handle-command';
