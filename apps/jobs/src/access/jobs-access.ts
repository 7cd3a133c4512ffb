import { applyDecorators, CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { createHmac } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { CLOCK, DomainError, Public } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { JOBS_CONFIG } from '../jobs.config';
import type { JobsConfig } from '../jobs.config';
import { jobsError } from '../errors';
import { JobsVault } from '../vault/jobs-vault';

export type JobsAccountKind = 'seeker' | 'employer';

export interface JobsSession {
  token: string;
  expiresAt: string;
}

/**
 * Seekers and employers have no officer account: proven by mobile and SMS code, they hold a
 * session token signed with the service's own session secret (as dispatch's volunteers), never
 * an officer's EdDSA token nor the other way round, and
 * a seeker's token never passes as an employer's. An erased account's token ends with its mobile
 * in the vault: it is answered 410 `personal_data_erased` from then on.
 */
@Injectable()
export class JobsAccess {
  private readonly signingKey: Uint8Array;

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    @Inject(JOBS_CONFIG) private readonly config: JobsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly vault: JobsVault,
  ) {
    this.signingKey = createHmac('sha256', config.sessionSecret).update('waystation:jobs-token').digest();
  }

  async sessionFor(kind: JobsAccountKind, id: string): Promise<JobsSession> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlSeconds * 1000);
    const token = await new SignJWT({ typ: `jobs-${kind}`, node: this.platform.node.code })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(id)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.signingKey);
    return { token, expiresAt: expiresAt.toISOString() };
  }

  async verify(kind: JobsAccountKind, token: string): Promise<string> {
    let id: string;
    try {
      const { payload } = await jwtVerify(token, this.signingKey, { algorithms: ['HS256'], currentDate: this.clock.now() });
      if (payload['typ'] !== `jobs-${kind}` || payload['node'] !== this.platform.node.code || typeof payload.sub !== 'string') throw new Error('not this kind');
      id = payload.sub;
    } catch {
      throw unauthenticated(kind);
    }
    if (!(await this.vault.signsIn(kind, id))) throw jobsError('personal_data_erased', '个人信息已注销，请重新注册');
    return id;
  }
}

function unauthenticated(kind: JobsAccountKind): DomainError {
  return jobsError('jobs_unauthenticated', kind === 'seeker' ? '请先以求职者身份登录（手机号 + 验证码）' : '请先以雇主身份登录（手机号 + 验证码）');
}

interface JobsRequest {
  headers: Record<string, string | undefined>;
  jobsAccount?: { kind: JobsAccountKind; id: string };
}

function guardFor(kind: JobsAccountKind) {
  @Injectable()
  class JobsAccountGuard implements CanActivate {
    constructor(readonly access: JobsAccess) {}

    async canActivate(context: ExecutionContext): Promise<boolean> {
      const request = context.switchToHttp().getRequest<JobsRequest>();
      const match = /^Bearer\s+(.+)$/i.exec(request.headers['authorization'] ?? '');
      if (!match) throw unauthenticated(kind);
      request.jobsAccount = { kind, id: await this.access.verify(kind, match[1]!) };
      return true;
    }
  }
  return JobsAccountGuard;
}

export const SeekerGuard = guardFor('seeker');
export const EmployerGuard = guardFor('employer');

/** A route for a signed-in seeker (their session token, not an officer's). */
export const SeekerOnly = () => applyDecorators(Public(), UseGuards(SeekerGuard), ApiBearerAuth());
/** A route for a signed-in employer. */
export const EmployerOnly = () => applyDecorators(Public(), UseGuards(EmployerGuard), ApiBearerAuth());

/** The signed-in seeker's or employer's id. */
export const CurrentAccount = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const account = ctx.switchToHttp().getRequest<JobsRequest>().jobsAccount;
  if (!account) throw jobsError('jobs_unauthenticated', '请先登录');
  return account.id;
});
