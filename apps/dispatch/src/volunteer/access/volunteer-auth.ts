import { applyDecorators, CanActivate, ExecutionContext, Injectable, UseGuards, createParamDecorator } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { Public } from '@ws/kernel';
import { VolunteerAccess } from './volunteer-access';
import { dispatchError } from '../../dispatch.errors';

interface VolunteerRequest {
  headers: Record<string, string | undefined>;
  volunteerId?: string;
}

@Injectable()
export class VolunteerGuard implements CanActivate {
  constructor(private readonly access: VolunteerAccess) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<VolunteerRequest>();
    const match = /^Bearer\s+(.+)$/i.exec(request.headers['authorization'] ?? '');
    if (!match) throw dispatchError('volunteer_unauthenticated', '需要志愿者令牌（POST /volunteer-sessions 获取）');
    request.volunteerId = await this.access.verify(match[1]!);
    return true;
  }
}

/** An endpoint for volunteers: not an officer's token but a volunteer token (see VolunteerAccess). */
export const VolunteerOnly = () => applyDecorators(Public(), UseGuards(VolunteerGuard), ApiBearerAuth());

export const CurrentVolunteer = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const id = ctx.switchToHttp().getRequest<VolunteerRequest>().volunteerId;
  if (!id) throw dispatchError('volunteer_unauthenticated', '需要志愿者令牌');
  return id;
});
