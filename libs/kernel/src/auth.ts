import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { authorize, mayAct } from './authorize';
import { kernelError } from './error-status';
import { OfficerTokenVerifier, type OfficerTrust, type Principal, type Role } from './officer-token';

export const PUBLIC_ROUTE = 'ws:public';
export const ROUTE_ROLES = 'ws:roles';

/**
 * An endpoint open without login (rate-limited instead): a worker-facing one, or the public figures
 * the dashboards show (counts, no person; docs/ARCHITECTURE.md "Open routes"). Never personal data.
 */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
/** Restricts an endpoint to the given roles. Every route carries @Roles(...) or @Public(): the app refuses to start otherwise. */
export const Roles = (...roles: Role[]) => SetMetadata(ROUTE_ROLES, roles);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal | undefined => {
  return ctx.switchToHttp().getRequest<{ principal?: Principal }>().principal;
});

export interface AuthOptions {
  trust: OfficerTrust;
  /** The code of the node this service serves; a token must belong to it or to an ancestor. */
  nodeCode: string;
  now?: () => Date;
}

/** How a route is open: to the public, or to these roles; undefined when it says neither (a boot error). */
export function routeAccess(reflector: Reflector, targets: Parameters<Reflector['getAllAndOverride']>[1]): 'public' | readonly Role[] | undefined {
  if (reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return 'public';
  return reflector.getAllAndOverride<Role[] | undefined>(ROUTE_ROLES, targets);
}

/** Global guard: a bearer officer token (EdDSA, see verifyOfficerToken) unless @Public(); @Roles() and the node through authorize(). */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verifier: OfficerTokenVerifier;

  constructor(
    private readonly reflector: Reflector,
    private readonly options: AuthOptions,
  ) {
    this.verifier = new OfficerTokenVerifier(options.trust);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const access = routeAccess(this.reflector, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const bearer = /^Bearer\s+(.+)$/i.exec(request.headers['authorization'] ?? '')?.[1];
    if (access === 'public') {
      // A public route needs no login, but an officer's valid token still says who acts (an application an officer takes).
      const principal = bearer ? await this.verify(bearer).catch(() => undefined) : undefined;
      if (principal && mayAct(principal, { node: this.options.nodeCode })) request.principal = principal;
      return true;
    }
    if (!access) throw kernelError('forbidden', '该接口未声明访问角色'); // unreachable: the app refuses to start
    if (!bearer) throw kernelError('unauthenticated', '需要登录（Bearer 令牌）');
    const principal = await this.verify(bearer).catch(() => {
      throw kernelError('unauthenticated', '令牌无效或已过期');
    });
    authorize(principal, { roles: access, node: this.options.nodeCode });
    request.principal = principal;
    return true;
  }

  private verify(token: string): Promise<Principal> {
    return this.verifier.verify(token, this.options.now?.() ?? new Date());
  }
}
