import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { Kysely } from 'kysely';
import { VOLUNTEER_SKILLS } from '@ws/contracts';
import type { VolunteerSkill } from '@ws/contracts';
import { CurrentPrincipal, isUuid, Roles, authorize, UNION_ROLES } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { DB, decodeCursor, DEFAULT_PAGE_SIZE, page, PageQueryDto } from '@ws/platform';
import type { DispatchDatabase, VolunteerBoardTable } from '../../db/database';
import { CurrentVolunteer, VolunteerOnly } from '../../volunteer/access/volunteer-auth';
import { volunteerErrors } from '../../volunteer/volunteer.decider';
import type { Selectable } from 'kysely';

/** The roster's filters; keyset pages (limit 1–200, 50 by default; `after` = the previous page's `next`). */
export class VolunteerBoardQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '330802001' }) @IsOptional() @Matches(/^[0-9a-z]{6}\d{3}$/)
  streetCode?: string;

  @ApiPropertyOptional({ enum: VOLUNTEER_SKILLS }) @IsOptional() @IsIn(VOLUNTEER_SKILLS)
  skill?: VolunteerSkill;

  @ApiPropertyOptional({ enum: ['active', 'retired'] }) @IsOptional() @IsIn(['active', 'retired'])
  status?: 'active' | 'retired';
}

function view(r: Selectable<VolunteerBoardTable>) {
  return {
    volunteerId: r.volunteer_id,
    districtCode: r.district_code,
    homeStreet: r.home_street,
    type: r.type,
    skills: r.skills,
    availability: r.availability,
    status: r.status,
    registeredAt: new Date(r.registered_at).toISOString(),
  };
}

/** The volunteer board: ids, types, skills, streets, availability; never names or mobiles. */
@ApiTags('志愿者 volunteers')
@Controller('volunteers')
export class VolunteersController {
  constructor(@Inject(DB) private readonly db: Kysely<DispatchDatabase>) {}

  @Get()
  @ApiBearerAuth()
  @Roles(...UNION_ROLES)
  @ApiOperation({ summary: '志愿者名册（不含个人信息），最近登记的在前，分页：{ items, next }' })
  async list(@Query() query: VolunteerBoardQueryDto, @CurrentPrincipal() principal: Principal) {
    if (query.streetCode) authorize(principal, { street: query.streetCode, field: 'streetCode' });
    const streetCode = principal.street ?? query.streetCode;
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.after, isUuid);
    const rows = await this.db
      .selectFrom('volunteer_board')
      .selectAll()
      .$if(Boolean(streetCode), (qb) => qb.where('home_street', '=', streetCode!))
      .$if(Boolean(query.skill), (qb) => qb.where('skill_names', '@>', [query.skill!]))
      .where('status', '=', query.status ?? 'active')
      .$if(after !== null, (qb) => qb.where((eb) => eb.or([eb('registered_at', '<', new Date(after!.at)), eb.and([eb('registered_at', '=', new Date(after!.at)), eb('volunteer_id', '<', after!.id)])])))
      .orderBy('registered_at', 'desc')
      .orderBy('volunteer_id', 'desc')
      .limit(limit + 1)
      .execute();
    const result = page(rows, limit, (row) => ({ at: new Date(row.registered_at).toISOString(), id: row.volunteer_id }));
    return { items: result.items.map(view), next: result.next };
  }

  @Get('me')
  @VolunteerOnly()
  @ApiOperation({ summary: '我的志愿者档案' })
  async me(@CurrentVolunteer() volunteerId: string) {
    const row = await this.db.selectFrom('volunteer_board').selectAll().where('volunteer_id', '=', volunteerId).executeTakeFirst();
    if (!row) throw volunteerErrors.notFound();
    return view(row);
  }
}
