import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { Kysely } from 'kysely';
import { recipientKey } from '@ws/contracts';
import type { Recipient } from '@ws/contracts';
import { CurrentPrincipal, Roles } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { NotifyDatabase } from '../db/database';
import { MessageCommands } from '../message/message-commands';
import { INBOX_PAGE_MAX } from './inbox.dto';
import { inboxPage, ownMessages } from './inbox.query';

/** What an officer's token addresses: their station, their street, their node. */
export function officerRecipients(principal: Principal): Recipient[] {
  switch (principal.role) {
    case 'station_manager':
      return [...(principal.station ? [{ kind: 'station' as const, id: principal.station }] : []), { kind: 'node_stations', id: principal.node }];
    case 'street_officer':
      return principal.street ? [{ kind: 'street', id: principal.street }] : [];
    case 'district_officer':
    case 'city_officer':
    case 'province_officer':
      return [{ kind: 'node', id: principal.node }];
    case 'ops_admin':
      return []; // runs the node's machinery; the union's messages are not addressed to them
  }
}

export class OfficerInboxQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200)
  after?: string;

  @ApiPropertyOptional({ default: 20, maximum: INBOX_PAGE_MAX }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(INBOX_PAGE_MAX)
  limit?: number;
}

export class OfficerReadDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsUUID('all', { each: true })
  messageIds!: string[];
}

/** Officers' and station managers' inbox (站内信), read with their token, for the console. */
@ApiTags('站内信 inbox')
@ApiBearerAuth()
@Controller('officer-inbox')
export class OfficerInboxController {
  constructor(
    @Inject(DB) private readonly db: Kysely<NotifyDatabase>,
    private readonly messages: MessageCommands,
  ) {}

  @Get()
  @Roles('station_manager', 'street_officer', 'district_officer', 'city_officer', 'province_officer')
  @ApiOperation({ summary: '我的站内信：站长（本站点、本节点全体站长）、街道干部（本街道）、区县/市/省干部（本节点）' })
  async list(@Query() query: OfficerInboxQueryDto, @CurrentPrincipal() principal: Principal) {
    const keys = officerRecipients(principal).map(recipientKey);
    if (keys.length === 0) return { items: [], unread: 0, next: null };
    return inboxPage(this.db, keys, query.after, query.limit ?? 20);
  }

  @Post('read')
  @HttpCode(200)
  @Roles('station_manager', 'street_officer', 'district_officer', 'city_officer', 'province_officer')
  @ApiOperation({ summary: '标为已读' })
  async read(@Body() dto: OfficerReadDto, @CurrentPrincipal() principal: Principal) {
    const keys = officerRecipients(principal).map(recipientKey);
    const own = keys.length === 0 ? [] : await ownMessages(this.db, keys, dto.messageIds);
    for (const messageId of own) await this.messages.run(messageId, { type: 'MarkRead' }, { meta: { actor: principal.subject } });
    return { read: own };
  }
}
