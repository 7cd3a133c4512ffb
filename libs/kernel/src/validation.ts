import { createParamDecorator, ExecutionContext, ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { FieldError, InputError } from './problem';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([code, message]) =>
      code === 'whitelistValidation' ? { field, code: 'unknown_field', message: `不接受字段 ${field}` } : { field, code, message },
    );
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The global pipe: unknown fields are refused, payloads become typed DTOs, errors name fields. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InputError(flatten(errors)),
  });
}

/** For path parameters: a malformed id is a named field error (400), not a lookup that 404s. */
export function uuidParam(field = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new InputError([{ field, code: 'isUuid', message: `${field} must be a UUID` }]),
  });
}

/**
 * The one If-Match parser: `If-Match: "3"` (the ETag of a stream version, weak or not, or a bare 3)
 * → 3; absent → undefined; anything else is a field error (400 validation_failed, field If-Match,
 * code invalid_version).
 */
export function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw new InputError([{ field: 'If-Match', code: 'invalid_version', message: 'If-Match 应为版本号，例如 "3"' }]);
  return Number(match[1]);
}

const IF_MATCH_HEADER = { name: 'If-Match', required: false, description: '客户端看到的版本号，如 "3"（乐观并发）；与当前版本不一致时返回 409 version_conflict' };

/**
 * A handler's parameter: the stream version the client's If-Match names (ifMatchVersion), or
 * undefined; it also documents the optional header in the route's OpenAPI.
 */
export const ExpectedVersion = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): number | undefined =>
    ifMatchVersion(ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers['if-match']?.toString()),
  [
    (target, key) => {
      if (key !== undefined) ApiHeader(IF_MATCH_HEADER)(target, key, Object.getOwnPropertyDescriptor(target, key)!);
    },
  ],
);
