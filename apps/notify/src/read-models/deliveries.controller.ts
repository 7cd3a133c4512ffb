import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Kysely, sql } from 'kysely';
import { CHANNEL_LABELS, CHANNELS, DELIVERY_STATUS_LABELS, DELIVERY_STATUSES, MESSAGE_KIND_LABELS, MESSAGE_KINDS, parseRecipientKey, SKIP_REASON_LABELS } from '@ws/contracts';
import type { Channel, DeliveryStatus, MessageKind, SkipReason } from '@ws/contracts';
import { isUuid, Roles } from '@ws/kernel';
import { DB, decodeCursor, page } from '@ws/platform';
import type { NotifyDatabase } from '../db/database';

export const DELIVERIES_PAGE_MAX = 200;

export class DeliveriesQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES }) @IsOptional() @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ enum: MESSAGE_KINDS }) @IsOptional() @IsIn(MESSAGE_KINDS)
  kind?: MessageKind;

  @ApiPropertyOptional({ description: '上一页答复的 next' }) @IsOptional() @IsString() @MaxLength(200)
  after?: string;

  @ApiPropertyOptional({ default: 50, maximum: DELIVERIES_PAGE_MAX }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(DELIVERIES_PAGE_MAX)
  limit?: number;
}

/** A delivery's id in its keyset cursor: the message and the channel (`<message id>:<channel>`). */
const deliveryIdOf = (messageId: string, channel: string) => `${messageId}:${channel}`;
const isDeliveryId = (id: string) => {
  const [messageId, channel, ...rest] = id.split(':');
  return rest.length === 0 && isUuid(messageId ?? '') && (CHANNELS as readonly string[]).includes(channel ?? '');
};

/** Why a delivery stopped, in words: a skip reason, or the gateway's stable error code. */
function errorLabel(status: string, error: string | null): string | null {
  if (!error) return null;
  if (status === 'skipped') return SKIP_REASON_LABELS[error as SkipReason] ?? error;
  if (error === 'timeout') return '网关超时';
  if (error === 'owner_unavailable') return '联系方式所在服务暂不可用';
  if (/^http_5\d\d$/.test(error)) return `网关故障（${error.slice(5)}）`;
  return `网关拒绝（${error}）`;
}

/**
 * Delivery status for the node's officers (投递状态): every message × channel, newest change
 * first, with attempts and why it stopped. Recipients by kind and id only: no address is kept.
 */
@ApiTags('投递状态 deliveries')
@ApiBearerAuth()
@Controller('deliveries')
export class DeliveriesController {
  constructor(@Inject(DB) private readonly db: Kysely<NotifyDatabase>) {}

  @Get()
  @Roles('district_officer', 'city_officer', 'province_officer')
  @ApiOperation({ summary: '消息投递状态（已发送、已送达、发送失败、已过期、未发送），按 next 翻页' })
  async list(@Query() query: DeliveriesQueryDto) {
    const limit = query.limit ?? 50;
    let q = this.db.selectFrom('delivery_status').selectAll();
    if (query.status) q = q.where('status', '=', query.status);
    if (query.channel) q = q.where('channel', '=', query.channel);
    if (query.kind) q = q.where('kind', '=', query.kind);
    const cursor = decodeCursor(query.after, isDeliveryId);
    if (cursor) {
      const [messageId, channel] = cursor.id.split(':');
      q = q.where(sql<boolean>`(updated_at, message_id, channel) < (${cursor.at}::timestamptz, ${messageId}::uuid, ${channel})`);
    }
    const rows = await q.orderBy('updated_at', 'desc').orderBy('message_id', 'desc').orderBy('channel', 'desc').limit(limit + 1).execute();
    const { items, next } = page(rows, limit, (row) => ({ at: row.updated_at.toISOString(), id: deliveryIdOf(row.message_id, row.channel) }));
    return {
      items: items.map((row) => ({
        messageId: row.message_id,
        channel: row.channel,
        channelLabel: CHANNEL_LABELS[row.channel as Channel],
        kind: row.kind,
        kindLabel: MESSAGE_KIND_LABELS[row.kind as MessageKind],
        recipient: parseRecipientKey(row.recipient_key) ?? null,
        status: row.status,
        statusLabel: DELIVERY_STATUS_LABELS[row.status as DeliveryStatus],
        attempts: row.attempts,
        error: row.last_error,
        errorLabel: errorLabel(row.status, row.last_error),
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
      })),
      next,
    };
  }

  @Get('summary')
  @Roles('district_officer', 'city_officer', 'province_officer')
  @ApiOperation({ summary: '近 7 天各渠道的投递状态计数' })
  async summary() {
    const rows = await this.db
      .selectFrom('delivery_status')
      .select(['channel', 'status', (eb) => eb.fn.countAll<number>().as('count')])
      .where('created_at', '>', sql<Date>`now() - interval '7 days'`)
      .groupBy(['channel', 'status'])
      .execute();
    return {
      channels: CHANNELS.map((channel) => ({
        channel,
        label: CHANNEL_LABELS[channel],
        statuses: DELIVERY_STATUSES.map((status) => ({
          status,
          label: DELIVERY_STATUS_LABELS[status],
          count: Number(rows.find((r) => r.channel === channel && r.status === status)?.count ?? 0),
        })),
      })),
    };
  }
}
