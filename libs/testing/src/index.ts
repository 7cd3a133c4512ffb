export * from './decider-spec';
export * from './infra';
export * from './fake-gateways';
export * from './browser-session';
export * from './fake-oidc-provider';
export * from './officer-tokens';
export * from './fault-proxy';
export * from './keyset-pages';
