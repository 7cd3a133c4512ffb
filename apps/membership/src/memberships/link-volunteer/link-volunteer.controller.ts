import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import type { Kysely } from 'kysely';
import { CurrentPrincipal, type Principal, Roles, uuidParam } from '@ws/kernel';
import { CommandRunner, DB } from '@ws/platform';
import { membershipAggregate } from '../../aggregates';
import type { MembershipDatabase } from '../../db/database';
import { actorOf } from '../../shared/scope';
import { administeredMembership } from '../member-scope';

export class LinkVolunteerDto {
  @ApiProperty({ description: '统一派单服务中的志愿者编号' })
  @IsString() @Matches(/^[A-Za-z0-9-]{1,64}$/)
  volunteerId!: string;
}

@ApiTags('积分 points')
@ApiBearerAuth()
@Controller('members')
@Roles('district_officer', 'street_officer')
export class LinkVolunteerController {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(DB) private readonly db: Kysely<MembershipDatabase>,
  ) {}

  @Post(':membershipId/volunteer')
  @HttpCode(200)
  @ApiOperation({ summary: '登记会员的志愿者编号：其志愿服务时长计入积分' })
  async link(@Param('membershipId', uuidParam('membershipId')) membershipId: string, @Body() dto: LinkVolunteerDto, @CurrentPrincipal() principal: Principal) {
    await administeredMembership(this.db, membershipId, principal);
    await this.commands.run(membershipAggregate, membershipId, { type: 'LinkVolunteer', volunteerId: dto.volunteerId }, {
      meta: { actor: actorOf(principal) },
      afterAppend: async (trx) => {
        await trx
          .insertInto('volunteer_links')
          .values({ volunteer_id: dto.volunteerId, membership_id: membershipId })
          .onConflict((oc) => oc.column('volunteer_id').doUpdateSet({ membership_id: membershipId }))
          .execute();
      },
    });
    return { membershipId, volunteerId: dto.volunteerId };
  }
}
