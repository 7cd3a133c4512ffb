import { giveEachServiceItsLogger } from './service-loggers';
import { containProcessEnds, currentService, giveEachServiceItsEnvironment, runAsService } from './service-contexts';

/** A service of the node: its built entry file and its own environment (port, database, secrets), as its own process would get them. */
export interface CompactService {
  name: string;
  entry: string;
  env: Record<string, string>;
}

/** What the host tells its launcher about a service that did not start or went wrong (IPC when there is a channel, and stderr). */
export interface ServiceReport {
  service: string;
  /** ended: it stopped itself (a failed start); faulted: an error escaped it, it runs on as far as it can. */
  state: 'ended' | 'faulted';
  reason: string;
}

/** COMPACT_SERVICES: the node's services as a JSON list of {name, entry, env}. */
export function compactServicesOf(env: NodeJS.ProcessEnv): CompactService[] {
  const raw = env['COMPACT_SERVICES'];
  if (!raw) throw new Error('COMPACT_SERVICES is not set: a JSON list of {name, entry, env}, one per service of the node');
  const services = JSON.parse(raw) as CompactService[];
  if (!Array.isArray(services) || services.length === 0 || !services.every((s) => typeof s?.name === 'string' && typeof s.entry === 'string' && typeof s.env === 'object')) {
    throw new Error('COMPACT_SERVICES must be a non-empty JSON list of {name, entry, env}');
  }
  return services;
}

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** Services still closing get this long after a stop signal before the process ends anyway. */
const STOP_GRACE_MS = 10_000;

/**
 * Runs every service of a node in this one process: each entry file loaded as its own process
 * would run it — its own Nest application, modules, database, consumers and port, its own
 * /health and /metrics — with its own environment (service-contexts.ts). The code they share
 * (Nest, Fastify, pg, the NATS client, the platform) is loaded and compiled once: that is the
 * memory a compact node saves. A service that fails to start, or throws where nobody catches,
 * is reported and leaves the others serving.
 */
export function startCompactNode(services: CompactService[], report: (report: ServiceReport) => void = reportToLauncher): void {
  const hostEnv = { ...process.env };
  const listenersBefore = new Map(STOP_SIGNALS.map((signal) => [signal, process.listenerCount(signal)]));
  giveEachServiceItsEnvironment();
  giveEachServiceItsLogger();
  containProcessEnds((service, how) => report({ service: service.name, state: 'ended', reason: how }));
  const escaped = (error: unknown) => report({ service: currentService()?.name ?? 'host', state: 'faulted', reason: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.on('uncaughtException', escaped);
  process.on('unhandledRejection', escaped);
  for (const service of services) {
    try {
      // The entry file runs afresh for each service that names it (two nodes' stations in one
      // process); everything it imports is shared.
      delete require.cache[require.resolve(service.entry)];
      runAsService({ name: service.name, env: { ...hostEnv, ...service.env } }, () => require(service.entry));
    } catch (error) {
      report({ service: service.name, state: 'ended', reason: `its entry ${service.entry} failed to load: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  stopWhenTheServicesHaveClosed(listenersBefore);
}

/**
 * Each service closes itself on a stop signal (Nest's shutdown hooks: consumers drained, the
 * outbox relay stopped, connections ended) and then raises the signal again to end its process;
 * this listener keeps the process up until the last service has closed (its hooks unsubscribed).
 */
function stopWhenTheServicesHaveClosed(listenersBefore: Map<NodeJS.Signals, number>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const deadline = Date.now() + STOP_GRACE_MS;
    const ours = 1;
    const poll = setInterval(() => {
      if (process.listenerCount(signal) - ours <= (listenersBefore.get(signal) ?? 0) || Date.now() > deadline) {
        clearInterval(poll);
        process.exit(0);
      }
    }, 50);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
}

function reportToLauncher(report: ServiceReport): void {
  process.stderr.write(`compact: ${report.service} ${report.state}: ${report.reason}\n`);
  if (process.connected) process.send?.(report);
}
