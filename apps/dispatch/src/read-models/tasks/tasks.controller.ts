import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { Kysely } from 'kysely';
import { CLOCK, CurrentPrincipal, Roles, authorize, UNION_ROLES, uuidParam } from '@ws/kernel';
import type { Clock, Principal } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { DispatchDatabase } from '../../db/database';
import { taskErrors } from '../../task/task.errors';
import { CurrentVolunteer, VolunteerOnly } from '../../volunteer/access/volunteer-auth';
import { invitationsOf, listTasks, OPEN_TASK_STATUSES, openTasksByStreet, TASK_STATUSES, taskDetail, tasksOfVolunteer } from './tasks.query';
import type { TaskBoardStatus } from './tasks.query';

const INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'expired', 'withdrawn'] as const;

export class OpenTasksQueryDto {
  @ApiPropertyOptional({ example: '330802001' }) @IsOptional() @Matches(/^[0-9a-z]{6}\d{3}$/)
  streetCode?: string;
}

export class TasksQueryDto extends OpenTasksQueryDto {
  @ApiPropertyOptional({ enum: TASK_STATUSES, description: '默认全部' }) @IsOptional() @IsIn(TASK_STATUSES)
  status?: TaskBoardStatus;
}

export class InvitationsQueryDto {
  @ApiPropertyOptional({ enum: INVITATION_STATUSES }) @IsOptional() @IsIn(INVITATION_STATUSES)
  status?: (typeof INVITATION_STATUSES)[number];
}

export class VolunteerInvitationsQueryDto extends InvitationsQueryDto {
  @ApiProperty() @IsUUID()
  volunteerId!: string;
}

@ApiTags('派单 tasks')
@Controller()
export class TasksController {
  constructor(
    @Inject(DB) private readonly db: Kysely<DispatchDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('tasks/open')
  @ApiBearerAuth()
  @Roles(...UNION_ROLES)
  @ApiOperation({ summary: '未完成的派单任务（按街道），含等待时长、是否超期、是否已升级到区' })
  open(@Query() query: OpenTasksQueryDto, @CurrentPrincipal() principal: Principal) {
    if (query.streetCode) authorize(principal, { street: query.streetCode, field: 'streetCode' });
    return listTasks(this.db, { statuses: OPEN_TASK_STATUSES, streetCode: principal.street ?? query.streetCode }, this.clock.now());
  }

  @Get('tasks')
  @ApiBearerAuth()
  @Roles(...UNION_ROLES)
  @ApiOperation({ summary: '派单任务（可按状态、街道），最早的在前' })
  list(@Query() query: TasksQueryDto, @CurrentPrincipal() principal: Principal) {
    if (query.streetCode) authorize(principal, { street: query.streetCode, field: 'streetCode' });
    const statuses = query.status ? [query.status] : TASK_STATUSES;
    return listTasks(this.db, { statuses, streetCode: principal.street ?? query.streetCode }, this.clock.now());
  }

  @Get('tasks/open/by-street')
  @ApiBearerAuth()
  @Roles(...UNION_ROLES)
  @ApiOperation({ summary: '各街道未完成任务数与最长等待时长' })
  byStreet(@CurrentPrincipal() principal: Principal) {
    return openTasksByStreet(this.db, { streetCode: principal.street }, this.clock.now());
  }

  @Get('tasks/:taskId')
  @ApiBearerAuth()
  @Roles(...UNION_ROLES)
  @ApiOperation({ summary: '派单任务详情与邀请记录' })
  async detail(@Param('taskId', uuidParam('taskId')) taskId: string, @CurrentPrincipal() principal: Principal) {
    const detail = await taskDetail(this.db, taskId);
    if (!detail) throw taskErrors.notFound();
    authorize(principal, { street: detail.task.street_code, field: 'streetCode' });
    return detail;
  }

  @Get('invitations')
  @ApiBearerAuth()
  @Roles(...UNION_ROLES)
  @ApiOperation({ summary: '某位志愿者收到的邀请' })
  ofVolunteer(@Query() query: VolunteerInvitationsQueryDto, @CurrentPrincipal() principal: Principal) {
    // A street's officers see the invitations to their street's tasks only.
    return invitationsOf(this.db, { volunteerId: query.volunteerId, status: query.status, streetCode: principal.street }, this.clock.now());
  }

  @Get('volunteers/me/invitations')
  @VolunteerOnly()
  @ApiOperation({ summary: '我的邀请（默认全部；?status=pending 只看待回复）' })
  mine(@Query() query: InvitationsQueryDto, @CurrentVolunteer() volunteerId: string) {
    return invitationsOf(this.db, { volunteerId, status: query.status }, this.clock.now());
  }

  @Get('volunteers/me/tasks')
  @VolunteerOnly()
  @ApiOperation({ summary: '我承接的任务' })
  myTasks(@CurrentVolunteer() volunteerId: string) {
    return tasksOfVolunteer(this.db, volunteerId);
  }
}
