import type { NatsConnection, Subscription } from '@nats-io/transport-node';

/** The node's NATS connection as services hold it (the platform's NATS provider). */
export type BusConnection = NatsConnection;

/** A request nobody answered: no service listens on the subject, or it did not answer in time. */
export class RequestUnanswered extends Error {
  constructor(
    readonly subject: string,
    readonly reason: 'no_responders' | 'timeout',
  ) {
    super(`no answer on ${subject}: ${reason}`);
  }
}

export interface Responder {
  /** Stops taking requests and waits for the ones being answered. */
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** Queue group: of several processes of a service, one answers each request. */
  queue?: string;
  /** A handler that throws is logged here and the request goes unanswered (the caller times out and retries). */
  onError?: (error: unknown) => void;
}

/**
 * Answers JSON requests on a core-NATS subject (request/reply: nothing is stored by the server),
 * e.g. an owning service answering notify's contact look-ups. Handlers run concurrently.
 */
export function serveRequests<Q, R>(nc: BusConnection, subject: string, handler: (request: Q) => Promise<R>, options: ServeOptions = {}): Responder {
  const inFlight = new Set<Promise<void>>();
  const subscription: Subscription = nc.subscribe(subject, {
    ...(options.queue ? { queue: options.queue } : {}),
    callback: (error, message) => {
      if (error) return options.onError?.(error);
      const answered = (async () => {
        let request: Q;
        try {
          request = message.json<Q>();
        } catch (failure) {
          options.onError?.(failure);
          return;
        }
        const reply = await handler(request);
        message.respond(JSON.stringify(reply));
      })().catch((failure: unknown) => options.onError?.(failure));
      inFlight.add(answered);
      void answered.finally(() => inFlight.delete(answered));
    },
  });
  return {
    async stop() {
      subscription.unsubscribe();
      await Promise.all([...inFlight]);
    },
  };
}

/** Sends one JSON request and returns the parsed reply; no answer is a RequestUnanswered. */
export async function requestReply<Q, R>(nc: BusConnection, subject: string, request: Q, timeoutMs: number): Promise<R> {
  try {
    const reply = await nc.request(subject, JSON.stringify(request), { timeout: timeoutMs });
    return reply.json<R>();
  } catch (error) {
    const name = (error as Error).name;
    const cause = (error as { cause?: Error }).cause;
    if ((error as { isNoResponders?: () => boolean }).isNoResponders?.() || cause?.name === 'NoRespondersError' || name === 'NoRespondersError') {
      throw new RequestUnanswered(subject, 'no_responders');
    }
    if (name === 'TimeoutError' || cause?.name === 'TimeoutError') throw new RequestUnanswered(subject, 'timeout');
    throw error;
  }
}
