import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from './domain-error';
import { statusForCode } from './error-status';

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

export function problemFromDomainError(error: DomainError): Problem {
  return {
    type: `urn:waystation:error:${error.code}`,
    title: error.message,
    status: statusForCode(error.code),
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
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Turns anything thrown by a handler into problem+json; never leaks a stack to the client. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const problem = this.toProblem(exception);
    problem.instance = request?.url;
    if (problem.status >= 500) this.logger.error(exception);
    void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof DomainError) return problemFromDomainError(exception);
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
      return { type: `urn:waystation:error:${code}`, title: exception.message, status, code, detail: exception.message };
    }
    const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode < 500) {
      // Fastify's own errors: unparsable JSON, wrong content type, body too large.
      const status = fastifyError.statusCode;
      const code = httpStatusCodes[status] ?? 'bad_request';
      return { type: `urn:waystation:error:${code}`, title: fastifyError.message ?? code, status, code, detail: fastifyError.code };
    }
    return { type: 'urn:waystation:error:internal', title: '服务器内部错误', status: 500, code: 'internal' };
  }
}
