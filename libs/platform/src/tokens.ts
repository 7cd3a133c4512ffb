/** Injection tokens of the platform's shared resources. */
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
export const DB = Symbol('DB');
export const NATS = Symbol('NATS');
export const JETSTREAM = Symbol('JETSTREAM');
export const JETSTREAM_MANAGER = Symbol('JETSTREAM_MANAGER');
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
export const PLATFORM_OPTIONS = Symbol('PLATFORM_OPTIONS');
