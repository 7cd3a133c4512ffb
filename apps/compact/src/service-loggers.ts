import { dirname, join } from 'node:path';
import { pinoHttp } from 'pino-http';
import { currentService } from './service-contexts';

type Middleware = ReturnType<typeof pinoHttp>;

/**
 * nestjs-pino keeps one pino-http instance per process, built by whichever application asks
 * first: in a compact node every service would log through that one's settings — its service
 * name, its level and, worse, its redaction paths (the dashboard's has none, the services'
 * hide names and mobiles). Here each service gets its own, built from its own settings; the
 * module's functions are replaced in place, which is how nestjs-pino's own modules call them.
 */
export function giveEachServiceItsLogger(): void {
  const rootLogger = require(join(dirname(require.resolve('nestjs-pino')), 'rootLogger.js')) as {
    ensureLoggerMiddleware(params: unknown): Middleware;
    ensureRootLogger(params: unknown): Middleware['logger'];
    getRootLogger(): Middleware['logger'] | undefined;
  };
  const middlewares = new Map<string, Middleware>();
  const owner = () => currentService()?.name ?? '';
  rootLogger.ensureLoggerMiddleware = (params) => {
    let middleware = middlewares.get(owner());
    if (!middleware) {
      middleware = (Array.isArray(params) ? pinoHttp(...(params as Parameters<typeof pinoHttp>)) : pinoHttp(params as Parameters<typeof pinoHttp>[0]));
      middlewares.set(owner(), middleware);
    }
    return middleware;
  };
  rootLogger.ensureRootLogger = (params) => rootLogger.ensureLoggerMiddleware(params).logger;
  rootLogger.getRootLogger = () => middlewares.get(owner())?.logger;
}
