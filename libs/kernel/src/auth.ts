import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { jwtVerify, SignJWT } from 'jose';
import { DomainError } from './domain-error';

export const ROLES = ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: a role, the node whose officer they are, and for street/station roles the place. */
export interface Principal {
  subject: string;
  role: Role;
  node: string;
  street?: string;
  station?: string;
}

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');
export interface AuthOptions {
  secret: string;
  /** The code of the node this service serves; a token must belong to it or to an ancestor. */
  nodeCode: string;
}

const PUBLIC_KEY = 'ws:public';
const ROLES_KEY = 'ws:roles';

/** A worker-facing endpoint: no login (rate-limited instead). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** Restricts an endpoint to the given roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal | undefined => {
  return ctx.switchToHttp().getRequest<{ principal?: Principal }>().principal;
});

/** A node's officers act on their own node and the nodes below it (codes nest by prefix). */
export function coversNode(principalNode: string, servedNode: string): boolean {
  return servedNode.startsWith(principalNode);
}

export async function signToken(secret: string, principal: Principal, expiresIn = '12h'): Promise<string> {
  const { subject, ...claims } = principal;
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

export async function verifyToken(secret: string, token: string): Promise<Principal> {
  const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'] });
  const role = payload['role'];
  const node = payload['node'];
  if (typeof payload.sub !== 'string' || typeof node !== 'string' || !ROLES.includes(role as Role)) {
    throw new Error('token lacks subject, role or node');
  }
  return {
    subject: payload.sub,
    role: role as Role,
    node,
    ...(typeof payload['street'] === 'string' ? { street: payload['street'] } : {}),
    ...(typeof payload['station'] === 'string' ? { station: payload['station'] } : {}),
  };
}

/** Global guard: bearer JWT (HS256) unless @Public(); role list from @Roles(); node scope always. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly options: AuthOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const header = request.headers['authorization'] ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) throw new DomainError('unauthenticated', '需要登录（Bearer 令牌）');
    let principal: Principal;
    try {
      principal = await verifyToken(this.options.secret, match[1]!);
    } catch {
      throw new DomainError('unauthenticated', '令牌无效或已过期');
    }
    if (!coversNode(principal.node, this.options.nodeCode)) {
      throw new DomainError('out_of_scope', `令牌属于节点 ${principal.node}，不能操作节点 ${this.options.nodeCode}`);
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new DomainError('forbidden', `该操作需要角色：${roles.join(', ')}`);
    }
    request.principal = principal;
    return true;
  }
}
