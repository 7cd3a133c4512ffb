import { Body, Controller, Get, Headers, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Kysely } from 'kysely';
import QRCode from 'qrcode';
import { maskName, POINTS_SOURCE_LABELS } from '@ws/contracts';
import type { PointsEvent } from '@ws/contracts';
import { Public } from '@ws/kernel';
import { CommandRunner, DB, PageQueryDto } from '@ws/platform';
import type { MembershipDatabase } from '../db/database';
import { pointsAccountPage } from '../points/points-account';
import { PersonalDataVault } from '../personal-data/personal-data.vault';
import { RedeemHandler } from '../shop/redeem/redeem.handler';
import { MemberRedeemDto } from './member-session.dto';
import { MEMBER_SESSION_HEADER, MemberSessions } from './member-sessions';

const SESSION_HEADER = { name: MEMBER_SESSION_HEADER, description: '会员令牌（POST /member-sessions）', required: true };

/**
 * What a member sees of themselves on the worker pages, with the session of POST /member-sessions
 * in a header: the card (with the QR code a station scans: the card number, nothing else), the
 * points balance and entries, and redemptions in the points shop.
 */
@ApiTags('会员本人 members')
@Controller('me')
export class MemberSelfController {
  constructor(
    @Inject(DB) private readonly db: Kysely<MembershipDatabase>,
    private readonly sessions: MemberSessions,
    private readonly commands: CommandRunner,
    private readonly redeemer: RedeemHandler,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
  ) {}

  @Get('card')
  @Public()
  @ApiHeader(SESSION_HEADER)
  @ApiOperation({ summary: '我的会员卡：卡号、工会、状态、打码的姓名和供驿站扫描的二维码（SVG，内容只有卡号）' })
  async card(@Headers(MEMBER_SESSION_HEADER) token?: string) {
    const member = await this.sessions.member(token);
    const [union, joined, person] = await Promise.all([
      this.db.selectFrom('unions').select('name').where('union_id', '=', member.unionId).executeTakeFirst(),
      this.db.selectFrom('members').select('activated_at').where('membership_id', '=', member.membershipId).executeTakeFirst(),
      this.vault.reveal(this.db, [member.personId]),
    ]);
    const revealed = person.get(member.personId);
    return {
      cardNumber: member.cardNumber,
      status: member.status,
      unionName: union?.name ?? null,
      memberSince: joined?.activated_at.toISOString() ?? null,
      maskedName: revealed?.state === 'readable' ? maskName(revealed.data.name) : null,
      qrSvg: await QRCode.toString(member.cardNumber, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    };
  }

  @Get('points')
  @Public()
  @ApiHeader(SESSION_HEADER)
  @ApiOperation({ summary: '我的积分：当前余额和收支明细（来自积分账户本身，不等读模型；明细按时间倒序分页 { items, next }，每页 1–200 条，默认 50）' })
  async points(@Query() query: PageQueryDto, @Headers(MEMBER_SESSION_HEADER) token?: string) {
    const member = await this.sessions.member(token);
    const { balance, entries } = await pointsAccountPage(this.commands, member.membershipId, query);
    const items = await this.db.selectFrom('shop_items').select(['item_id', 'name']).execute();
    const itemNames = new Map(items.map((i) => [i.item_id, i.name]));
    const shown = entries.items.map((envelope) => {
      const event = { type: envelope.type, data: envelope.data } as PointsEvent;
      const at = envelope.occurredAt;
      switch (event.type) {
        case 'PointsCredited':
          return { entryId: envelope.eventId, at, points: event.data.points, label: POINTS_SOURCE_LABELS[event.data.source] };
        case 'PointsDebited':
          return { entryId: envelope.eventId, at, points: -event.data.points, label: event.data.reason };
        case 'RedemptionMade':
          return { entryId: envelope.eventId, at, points: -event.data.points, label: `兑换：${itemNames.get(event.data.itemId) ?? '商品'} × ${event.data.quantity}` };
      }
    });
    return { cardNumber: member.cardNumber, balance, items: shown, next: entries.next };
  }

  @Post('redemptions')
  @HttpCode(200)
  @Public()
  @ApiHeader(SESSION_HEADER)
  @ApiOperation({ summary: '积分兑换（本人）：扣库存与扣积分同一事务；同一兑换编号只兑换一次；到驿站凭兑换编号领取' })
  async redeem(@Body() dto: MemberRedeemDto, @Headers(MEMBER_SESSION_HEADER) token?: string) {
    const member = await this.sessions.member(token);
    return this.redeemer.redeem({ redemptionId: dto.redemptionId, itemId: dto.itemId, quantity: dto.quantity ?? 1, cardNumber: member.cardNumber }, `member:${member.membershipId}`);
  }
}
