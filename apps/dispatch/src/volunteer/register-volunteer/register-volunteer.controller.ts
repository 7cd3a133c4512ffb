import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, newId, Roles, authorize } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { CommandRunner } from '@ws/platform';
import { assertStreetInNode } from '../../shared/street-code';
import { VolunteerAccess } from '../access/volunteer-access';
import { VolunteerVault } from '../vault/volunteer-vault';
import type { VolunteerCommand } from '../volunteer.decider';
import { RegisterVolunteerDto } from './register-volunteer.dto';
import { volunteerAggregate } from '../../aggregates';

@ApiTags('志愿者 volunteers')
@ApiBearerAuth()
@Controller('volunteers')
export class RegisterVolunteerController {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: VolunteerVault,
    private readonly access: VolunteerAccess,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('street_officer', 'station_manager', 'district_officer')
  @ApiOperation({ summary: '登记志愿者：姓名手机号加密保存；返回志愿者编号和一次性显示的登录码' })
  async register(@Body() body: RegisterVolunteerDto, @CurrentPrincipal() principal: Principal) {
    assertStreetInNode(body.homeStreet, this.platform.node.code);
    authorize(principal, { street: body.homeStreet, field: 'streetCode' });
    const volunteerId = newId();
    let accessCode = '';
    await this.runner.run(
      volunteerAggregate,
      volunteerId,
      (): VolunteerCommand => ({
        type: 'RegisterVolunteer',
        volunteer: {
          volunteerId,
          type: body.type,
          skills: body.skills.map((s) => ({ skill: s.skill, certificateRef: s.certificateRef ?? null })),
          homeStreet: body.homeStreet,
          availability: body.availability.map((a) => ({ day: a.day, from: a.from, to: a.to })),
        },
      }),
      {
        meta: { actor: principal.subject },
        alongside: async (trx) => {
          await this.vault.store(trx, volunteerId, { name: body.name, mobile: body.mobile }, body.smsConsent ? this.runner.now() : null);
          accessCode = await this.access.issueCode(trx, volunteerId);
        },
      },
    );
    return { volunteerId, accessCode, login: 'POST /volunteer-sessions { volunteerId, accessCode }' };
  }
}
