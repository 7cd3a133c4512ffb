import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles, OPS_ROLES } from '@ws/kernel';
import { FaultsService } from './faults.service';

/**
 * What the service set aside to keep going, and what to do with it. Guarded like
 * /admin/projections (the node's officers); meant for the ops_admin role once identity has it.
 */
@ApiTags('运维 ops')
@ApiBearerAuth()
@Controller('admin')
export class OpsController {
  constructor(private readonly faults: FaultsService) {}

  @Get('faults')
  @Roles(...OPS_ROLES)
  @ApiOperation({ summary: '搁置消息与死信的数量 (parked messages per consumer, dead letters)' })
  summary() {
    return this.faults.summary();
  }

  @Get('parked')
  @Roles(...OPS_ROLES)
  @ApiOperation({ summary: '搁置的消息（最多 100 条一页；refused=true 列出被业务拒绝的） (parked messages, keyset pages of 100)' })
  @ApiQuery({ name: 'after', required: false, type: Number })
  @ApiQuery({ name: 'refused', required: false, type: Boolean })
  parked(@Query('after') after?: string, @Query('refused') refused?: string) {
    return this.faults.parked({ ...(after ? { after: Number(after) } : {}), refused: refused === 'true' });
  }

  @Post('parked/:id/retry')
  @HttpCode(200)
  @Roles(...OPS_ROLES)
  @ApiOperation({ summary: '重试搁置的消息 (apply a parked message now)' })
  retryParked(@Param('id', ParseIntPipe) id: number) {
    return this.faults.retryParked(id);
  }

  @Post('parked/:id/skip')
  @HttpCode(200)
  @Roles(...OPS_ROLES)
  @ApiOperation({ summary: '跳过搁置的消息 (drop a parked message for good)' })
  skipParked(@Param('id', ParseIntPipe) id: number) {
    return this.faults.skipParked(id);
  }

  @Get('dead-letters')
  @Roles(...OPS_ROLES)
  @ApiOperation({ summary: '消息总线拒收的事件（死信） (outbox rows set aside, keyset pages of 100)' })
  @ApiQuery({ name: 'after', required: false, type: Number })
  deadLetters(@Query('after') after?: string) {
    return this.faults.deadLetters(after ? { after: Number(after) } : {});
  }

  @Post('dead-letters/:position/retry')
  @HttpCode(200)
  @Roles(...OPS_ROLES)
  @ApiOperation({ summary: '重新发布死信 (publish a dead letter again)' })
  retryDeadLetter(@Param('position', ParseIntPipe) position: number) {
    return this.faults.retryDeadLetter(position);
  }

  @Post('dead-letters/:position/discard')
  @HttpCode(200)
  @Roles(...OPS_ROLES)
  @ApiOperation({ summary: '丢弃死信（事件仍保存在本服务的事件表中） (drop a dead letter; the event stays in the events table)' })
  discardDeadLetter(@Param('position', ParseIntPipe) position: number) {
    return this.faults.discardDeadLetter(position);
  }
}
