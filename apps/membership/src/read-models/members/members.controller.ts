import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { Kysely } from 'kysely';
import { MEMBER_OCCUPATIONS } from '@ws/contracts';
import { CurrentPrincipal, isUuid, mayDiscloseUnmasked, type Principal, Public, Roles, uuidParam } from '@ws/kernel';
import { DB, decodeCursor, DEFAULT_PAGE_SIZE, orderedByIdAlone, page, PageQueryDto } from '@ws/platform';
import type { MembershipDatabase } from '../../db/database';
import { presentPerson } from '../../personal-data/disclosure';
import { PersonalDataVault } from '../../personal-data/personal-data.vault';
import { actorOf } from '../../shared/scope';
import { listMembers, MEMBER_GROUPINGS, type MemberGrouping, memberById, type MemberListRow, membersBy, memberTotals } from './members.query';
import { membershipError } from '../../membership.errors';

const MEMBER_STATUSES = ['active', 'suspended', 'left', 'transferred_out'] as const;

export class MemberStatsQueryDto {
  @ApiProperty({ enum: MEMBER_GROUPINGS }) @IsIn(MEMBER_GROUPINGS)
  by!: MemberGrouping;

  @ApiPropertyOptional() @IsOptional() @IsUUID()
  unionId?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^\w{2,12}$/)
  nodeCode?: string;

  @ApiPropertyOptional({ enum: MEMBER_OCCUPATIONS }) @IsOptional() @IsIn(MEMBER_OCCUPATIONS)
  occupation?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^\w{9}$/)
  streetCode?: string;
}

export class MemberListQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID()
  unionId?: string;

  @ApiPropertyOptional({ enum: MEMBER_STATUSES }) @IsOptional() @IsIn(MEMBER_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: MEMBER_OCCUPATIONS }) @IsOptional() @IsIn(MEMBER_OCCUPATIONS)
  occupation?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^\w{9}$/)
  streetCode?: string;
}

@ApiTags('会籍 members')
@Controller('members')
export class MembersController {
  constructor(
    @Inject(DB) private readonly db: Kysely<MembershipDatabase>,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
  ) {}

  @Get('stats')
  @Public()
  @ApiOperation({ summary: '会员人数：按工会、职业、街道、入会月份或节点（本节点及下级）' })
  async stats(@Query() query: MemberStatsQueryDto) {
    const [rows, totals] = await Promise.all([membersBy(this.db, query.by, query), memberTotals(this.db)]);
    return { by: query.by, totals, rows };
  }

  @Get()
  @ApiBearerAuth()
  @Roles('province_officer', 'city_officer', 'district_officer', 'street_officer')
  @ApiOperation({ summary: '会员名单（个人信息按角色脱敏）' })
  async list(@Query() query: MemberListQueryDto, @CurrentPrincipal() principal: Principal) {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = decodeCursor(query.after, isUuid, orderedByIdAlone);
    const rows = await listMembers(this.db, { ...query, after: cursor?.id, limit: limit + 1 });
    const shown = page(rows, limit, (row) => ({ at: '', id: row.membership_id }));
    return { items: await this.present(shown.items, principal, 'member_list'), next: shown.next };
  }

  @Get(':membershipId')
  @ApiBearerAuth()
  @Roles('province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager')
  @ApiOperation({ summary: '会员卡：会籍、工会与个人信息（按角色脱敏）' })
  async card(@Param('membershipId', uuidParam('membershipId')) membershipId: string, @CurrentPrincipal() principal: Principal) {
    const row = await memberById(this.db, membershipId);
    if (!row) throw membershipError('membership_not_found', '会籍不存在');
    const [card] = await this.present([row], principal, 'member_card');
    return card;
  }

  /** Decrypts only what the caller may see unmasked or masked, and records every unmasked view. */
  private async present(rows: MemberListRow[], principal: Principal, purpose: string) {
    const revealed = await this.vault.reveal(this.db, rows.map((r) => r.person_id));
    const unmasked = rows.map((r) => r.union_node !== null && mayDiscloseUnmasked(principal, { nodeCode: r.union_node, streetCode: r.union_street }));
    await this.vault.logDisclosure(this.db, actorOf(principal), rows.filter((r, i) => unmasked[i] && !r.erased).map((r) => r.person_id), purpose);
    return rows.map((row, i) => ({
      membershipId: row.membership_id,
      personId: row.person_id,
      cardNumber: row.card_number,
      unionId: row.union_id,
      unionName: row.union_name,
      nodeCode: row.node_code,
      occupation: row.occupation,
      streetCode: row.street_code,
      status: row.status,
      joinedMonth: row.joined_month,
      activatedAt: row.activated_at,
      person: presentPerson(revealed.get(row.person_id), unmasked[i]!, row.erased),
    }));
  }
}
