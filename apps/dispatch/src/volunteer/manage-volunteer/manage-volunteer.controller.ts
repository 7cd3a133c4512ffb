import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { maskMobile, maskName } from '@ws/contracts';
import { CurrentPrincipal, mayDiscloseUnmasked, Roles, authorize, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { Kysely } from 'kysely';
import { DB, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { DispatchDatabase } from '../../db/database';
import { CommandRunner } from '@ws/platform';
import { VolunteerAccess } from '../access/volunteer-access';
import { VolunteerVault } from '../vault/volunteer-vault';
import { activeCheck, volunteerErrors } from '../volunteer.decider';
import type { VolunteerCommand } from '../volunteer.decider';
import { volunteerAggregate } from '../../aggregates';

export class RetireVolunteerDto {
  @ApiProperty({ enum: ['withdrew', 'removed'] }) @IsIn(['withdrew', 'removed'])
  reason!: 'withdrew' | 'removed';
}

/** What officers of the volunteer's street (or above) do with a volunteer's record. */
@ApiTags('志愿者 volunteers')
@ApiBearerAuth()
@Controller('volunteers/:volunteerId')
export class ManageVolunteerController {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: VolunteerVault,
    private readonly access: VolunteerAccess,
    @Inject(DB) private readonly db: Kysely<DispatchDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  @Get('contact')
  @Roles('street_officer', 'station_manager', 'district_officer')
  @ApiOperation({ summary: '联系方式：本街道干部和区县干部看到完整姓名手机号（记入访问日志），站长看到打码的' })
  async contact(@Param('volunteerId', uuidParam('volunteerId')) volunteerId: string, @CurrentPrincipal() principal: Principal) {
    const state = await this.inScope(volunteerId, principal);
    const contact = await this.vault.open(volunteerId);
    if (!mayDiscloseUnmasked(principal, { nodeCode: this.platform.node.code, streetCode: state.homeStreet })) {
      return { volunteerId, name: maskName(contact.name), mobile: maskMobile(contact.mobile), disclosure: 'masked' };
    }
    await this.db.insertInto('pii_access_log').values({ actor: principal.subject, volunteer_id: volunteerId, purpose: 'volunteer_contact' }).execute();
    return { volunteerId, name: contact.name, mobile: contact.mobile, disclosure: 'unmasked' };
  }

  @Post('access-code')
  @HttpCode(201)
  @Roles('street_officer', 'station_manager', 'district_officer')
  @ApiOperation({ summary: '重置登录码（旧码作废，新码只显示一次）' })
  async resetCode(@Param('volunteerId', uuidParam('volunteerId')) volunteerId: string, @CurrentPrincipal() principal: Principal) {
    const state = await this.inScope(volunteerId, principal);
    const refusal = activeCheck(state);
    if (refusal) throw refusal;
    return { volunteerId, accessCode: await this.access.issueCode(this.db, volunteerId) };
  }

  @Post('retire')
  @HttpCode(200)
  @Roles('street_officer', 'station_manager', 'district_officer')
  @ApiOperation({ summary: '志愿者退出：不再收到邀请' })
  async retire(@Param('volunteerId', uuidParam('volunteerId')) volunteerId: string, @Body() body: RetireVolunteerDto, @CurrentPrincipal() principal: Principal) {
    await this.inScope(volunteerId, principal);
    await this.runner.run(volunteerAggregate, volunteerId, (): VolunteerCommand => ({ type: 'RetireVolunteer', reason: body.reason }), {
      meta: { actor: principal.subject },
    });
    return { volunteerId, status: 'retired' };
  }

  @Delete('personal-data')
  @HttpCode(200)
  @Roles('street_officer', 'district_officer')
  @ApiOperation({ summary: '删除个人信息（销毁密钥），志愿者同时退出；服务记录保留' })
  async erase(@Param('volunteerId', uuidParam('volunteerId')) volunteerId: string, @CurrentPrincipal() principal: Principal) {
    await this.inScope(volunteerId, principal);
    const { events } = await this.runner.run(volunteerAggregate, volunteerId, (): VolunteerCommand => ({ type: 'RetireVolunteer', reason: 'erased' }), {
      meta: { actor: principal.subject },
      alongside: (trx) => this.vault.erase(trx, volunteerId),
    });
    // Already retired earlier: no event to write, but the personal data must go all the same.
    if (events.length === 0) await this.db.transaction().execute((trx) => this.vault.erase(trx, volunteerId));
    return { volunteerId, status: 'erased' };
  }

  private async inScope(volunteerId: string, principal: Principal) {
    const { state } = await this.runner.load(volunteerAggregate, volunteerId);
    if (state.status === 'none') throw volunteerErrors.notFound();
    authorize(principal, { street: state.homeStreet, field: 'streetCode' });
    return state;
  }
}
