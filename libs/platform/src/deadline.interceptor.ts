import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, throwError, timeout } from 'rxjs';
import { UnavailableError } from '@ws/kernel';

/**
 * Every HTTP request answers within its deadline: a handler still waiting then (Postgres or NATS
 * silent) is answered 503 unavailable, never left hanging; what it started ends by the pool's
 * own timeouts. Reactions (the JetStream transport) are not HTTP and keep their own policy.
 */
@Injectable()
export class DeadlineInterceptor implements NestInterceptor {
  constructor(private readonly deadlineMs?: number) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || !this.deadlineMs) return next.handle();
    const deadlineMs = this.deadlineMs;
    return next.handle().pipe(timeout({ first: deadlineMs, with: () => throwError(() => new UnavailableError(`no answer within ${deadlineMs} ms`)) }));
  }
}
