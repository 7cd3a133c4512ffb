export * from './decider-spec';
export * from './infra';
export * from './node-stream';
export * from './http-json';
