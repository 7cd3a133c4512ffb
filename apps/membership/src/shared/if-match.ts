import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { DomainError } from '@ws/kernel';

/** `If-Match: "<n>"` → the stream version the client last saw; absent → undefined. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw new DomainError('validation_failed', 'If-Match 应为 "<版本号>"', 'If-Match');
  return Number(match[1]);
}

export const ExpectedVersion = createParamDecorator((_: unknown, ctx: ExecutionContext): number | undefined => {
  const request = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
  return parseIfMatch(request.headers['if-match']);
});
