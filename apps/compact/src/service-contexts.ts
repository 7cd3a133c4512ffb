import { AsyncLocalStorage } from 'node:async_hooks';

/** One service of the compact process: its name and the environment it was configured with. */
export interface ServiceContext {
  name: string;
  env: NodeJS.ProcessEnv;
}

const current = new AsyncLocalStorage<ServiceContext>();

/** The service whose code is running now (its callbacks, timers, sockets and promises inherit it); none in the host's own code. */
export function currentService(): ServiceContext | undefined {
  return current.getStore();
}

/** Runs `start` (a service's entry file) as `service`: everything it starts, now or later, runs as that service. */
export function runAsService<T>(service: ServiceContext, start: () => T): T {
  return current.run(service, start);
}

/**
 * `process.env` as each service sees it: its own variables while its code runs, the host's
 * otherwise. The services read their settings from the environment (HTTP_PORT, PG_DATABASE …),
 * so they run here unchanged, each with the settings it would have had as its own process.
 */
export function giveEachServiceItsEnvironment(): void {
  const host = process.env;
  const env = () => current.getStore()?.env ?? host;
  process.env = new Proxy({}, {
    get: (_, name) => (typeof name === 'string' ? env()[name] : undefined),
    set: (_, name, value) => {
      if (typeof name === 'string') env()[name] = String(value);
      return true;
    },
    has: (_, name) => name in env(),
    deleteProperty: (_, name) => (typeof name === 'string' ? delete env()[name] : true),
    ownKeys: () => Reflect.ownKeys(env()),
    getOwnPropertyDescriptor: (_, name) => {
      const values = env();
      return typeof name === 'string' && name in values ? { value: values[name], enumerable: true, configurable: true, writable: true } : undefined;
    },
  });
}

/**
 * What ends a service's process ends only the service here: `process.exit` (a failed start's
 * last word) and `process.abort` called from a service's code are reported to `onEnd` and
 * return; the host's own calls end the process as usual.
 */
export function containProcessEnds(onEnd: (service: ServiceContext, how: string) => void): void {
  const exit = process.exit.bind(process);
  const abort = process.abort.bind(process);
  process.exit = ((code?: number | string | null) => {
    const service = currentService();
    if (!service) return exit(code);
    onEnd(service, `exit(${code ?? 0})`);
    return undefined as never;
  }) as typeof process.exit;
  process.abort = (() => {
    const service = currentService();
    if (!service) return abort();
    onEnd(service, 'abort()');
    return undefined as never;
  }) as typeof process.abort;
}
