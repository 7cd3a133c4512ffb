import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, throwError } from 'rxjs';
import { DomainError } from './domain-error';
import type { ErrorTable } from './error-status';
import { isTransientFailure } from './failures';

/** RFC 9457 problem details, with a stable `code` and, for input errors, the fields at fault. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  field?: string;
  errors?: FieldError[];
  instance?: string;
  [extension: string]: unknown;
}

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** Thrown by the validation pipe; carries every field error at once. */
export class InputError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

/** The problem for a refusal of the domain, its status from the service's error table. */
export function problemFromDomainError(error: DomainError, errors: ErrorTable): Problem {
  return {
    type: `urn:waystation:error:${error.code}`,
    title: error.message,
    status: errors.statusOf(error.code),
    code: error.code,
    detail: error.message,
    ...(error.field ? { field: error.field } : {}),
    ...(error.details ?? {}),
  };
}

const httpStatusCodes: Record<number, string> = {
  400: 'malformed_body',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'route_not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

/** Zh-CN titles of the refusals Fastify makes itself, before any handler runs. */
const frameworkTitles: Record<string, string> = {
  malformed_body: '请求格式有误',
  payload_too_large: '请求内容过大',
  uri_too_long: '请求地址中的参数过长',
  unsupported_media_type: '不支持的内容类型',
  request_timeout: '请求超时',
  method_not_allowed: '不支持的请求方法',
  bad_request: '请求有误',
};

/** Seconds a client should wait before trying again when the service is unavailable. */
const RETRY_AFTER_SECONDS = 5;

const MAX_INSTANCE_LENGTH = 200;

/**
 * Writes a problem as the answer (every error leaves this way, also those Fastify makes itself).
 * `instance` is the request's path without its query string (a look-up may carry a mobile there:
 * personal data never goes into an error body), cut short.
 */
export function sendProblem(reply: FastifyReply, problem: Problem, url?: string): void {
  if (url !== undefined) {
    const path = url.split('?', 1)[0]!;
    problem.instance = path.length > MAX_INSTANCE_LENGTH ? `${path.slice(0, MAX_INSTANCE_LENGTH)}…` : path;
  }
  void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8');
  if (problem.status === 503) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  void reply.send(problem);
}

/**
 * The problem for anything thrown: a refusal of the domain, invalid input, a rate limit, an
 * HTTP exception, Fastify's own refusals (unparsable JSON, wrong content type, a body or a URL
 * parameter too large), the infrastructure away (503 unavailable, so a client retries), or else
 * an internal error that never leaks its stack. A refusal's status comes from `errors`, the
 * service's table.
 */
export function problemOf(exception: unknown, errors: ErrorTable): Problem {
  if (exception instanceof DomainError) return problemFromDomainError(exception, errors);
  if (exception instanceof InputError) {
    return {
      type: 'urn:waystation:error:validation_failed',
      title: '请求参数有误',
      status: 400,
      code: 'validation_failed',
      detail: exception.message,
      field: exception.errors[0]?.field,
      errors: exception.errors,
    };
  }
  if (exception instanceof ThrottlerException) {
    return { type: 'urn:waystation:error:rate_limited', title: '请求过于频繁', status: 429, code: 'rate_limited' };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = httpStatusCodes[status] ?? (status >= 500 ? 'internal' : 'bad_request');
    // A failed health check (terminus) keeps what was checked: `info` up, `error` down.
    const response = exception.getResponse() as { info?: unknown; error?: unknown; details?: unknown };
    const checks = typeof response === 'object' && response !== null && 'details' in response ? { info: response.info, error: response.error } : {};
    return { type: `urn:waystation:error:${code}`, title: exception.message, status, code, detail: exception.message, ...checks };
  }
  const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode < 500) {
    const status = fastifyError.statusCode;
    const code = httpStatusCodes[status] ?? 'bad_request';
    return { type: `urn:waystation:error:${code}`, title: frameworkTitles[code] ?? code, status, code, detail: fastifyError.code };
  }
  if (isTransientFailure(exception)) {
    return { type: 'urn:waystation:error:unavailable', title: '服务暂时不可用，请稍后重试', status: 503, code: 'unavailable' };
  }
  return { type: 'urn:waystation:error:internal', title: '服务器内部错误', status: 500, code: 'internal' };
}

/**
 * Turns anything thrown by a handler into problem+json; never leaks a stack to the client.
 * Made with the service's error table: `{ provide: APP_FILTER, useValue: new ProblemFilter(errors) }`.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(private readonly errors: ErrorTable) {}

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    // A reaction's handler (the JetStream transport): the error itself goes back to the transport,
    // which tells a refusal from the infrastructure away from a fault (classifyFailure).
    if (host.getType() !== 'http') return throwError(() => exception);
    const ctx = host.switchToHttp();
    const problem = problemOf(exception, this.errors);
    if (problem.status === 500) this.logger.error(exception);
    else if (problem.status === 503) this.logger.warn(`unavailable: ${(exception as Error)?.message ?? String(exception)}`);
    sendProblem(ctx.getResponse<FastifyReply>(), problem, ctx.getRequest<FastifyRequest>()?.url);
  }
}
