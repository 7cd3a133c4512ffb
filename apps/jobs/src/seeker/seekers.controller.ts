import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsString, MaxLength, ValidateNested } from 'class-validator';
import { maskIdNumber, maskMobile, maskName } from '@ws/contracts';
import type { SeekerPreferences } from '@ws/contracts';
import { newId, Public } from '@ws/kernel';
import { CommandRunner, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { Inject } from '@nestjs/common';
import { VerificationCodes } from '@ws/verification';
import { CurrentAccount, JobsAccess, SeekerOnly } from '../access/jobs-access';
import { MobileCodeDto, plainSlots, PointDto, PreferencesDto } from '../shared/dto';
import { assertStreetInNode } from '../shared/scope';
import { roundToBlock } from '../shared/checks';
import { JobsVault } from '../vault/jobs-vault';
import { seekerAggregate } from '../aggregates';
import { jobsError } from '../errors';

export class RegisterSeekerDto extends MobileCodeDto {
  @ApiProperty({ description: '姓名（与身份证一致，加密保存）' }) @IsString() @MaxLength(100)
  name!: string;

  @ApiProperty({ description: '居民身份证号（核对校验位，加密保存）' }) @IsString() @MaxLength(30)
  idNumber!: string;

  @ApiProperty({ type: PointDto, description: '家的位置（WGS-84；只用于匹配附近的工作，取整到约100米）' }) @ValidateNested() @Type(() => PointDto)
  home!: PointDto;

  @ApiProperty({ type: PreferencesDto }) @ValidateNested() @Type(() => PreferencesDto)
  preferences!: PreferencesDto;
}

export class PushesDto {
  @ApiProperty({ description: '接收精准推送' }) @IsBoolean()
  pushes!: boolean;

  @ApiProperty({ description: '每天最多推送几条（1–10）' }) @IsInt()
  dailyCap!: number;
}

function preferences(body: PreferencesDto): SeekerPreferences {
  return {
    categories: body.categories,
    skills: body.skills,
    payModes: body.payModes,
    homeStreetCode: body.homeStreetCode,
    travelRadiusKm: body.travelRadiusKm,
    availability: plainSlots(body.availability),
  };
}

/** Seekers register with their real name (实名认证) and say what work they want, where and when. */
@ApiTags('零工之家 jobs')
@Controller('seekers')
export class SeekersController {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: JobsVault,
    private readonly access: JobsAccess,
    private readonly codes: VerificationCodes,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  @Post()
  @HttpCode(201)
  @Public()
  @ApiOperation({ summary: '求职者实名注册：姓名 + 身份证号（校验位）+ 手机验证码；返回求职者编号和会话令牌' })
  async register(@Body() body: RegisterSeekerDto) {
    assertStreetInNode(body.preferences.homeStreetCode, this.platform.node.code, 'preferences.homeStreetCode');
    const verified = await this.codes.check(body.mobile, 'jobs_register', body.code);
    const seekerId = newId();
    const profileRef = newId();
    const home = { lng: body.home.lng, lat: body.home.lat };
    await this.runner.run(
      seekerAggregate,
      seekerId,
      { type: 'RegisterSeeker', seekerId, identity: { name: body.name, idNumber: body.idNumber, mobile: body.mobile }, mobileVerified: true, home, profileRef, preferences: preferences(body.preferences) },
      {
        meta: { actor: `seeker:${seekerId}` },
        alongside: async (trx) => {
          await verified.consume(trx);
          await this.vault.store(trx, {
            ref: profileRef,
            ownerKind: 'seeker',
            ownerId: seekerId,
            mobile: body.mobile,
            data: { name: body.name.normalize('NFC').trim(), idNumber: body.idNumber.trim().toUpperCase(), mobile: body.mobile },
            home: roundToBlock(home),
          });
        },
      },
    );
    return { seekerId, ...(await this.access.sessionFor('seeker', seekerId)) };
  }

  @Get('me')
  @SeekerOnly()
  @ApiOperation({ summary: '我的求职档案（姓名、身份证号、手机号打码显示）' })
  async me(@CurrentAccount() seekerId: string) {
    const { envelopes, state } = await this.runner.load(seekerAggregate, seekerId);
    if (!state.registered) throw jobsError('seeker_not_found', '没有这个求职者');
    const registered = envelopes.find((e) => e.type === 'SeekerRegistered')!.data as { profileRef: string } & SeekerPreferences;
    const latest = [...envelopes].reverse().find((e) => e.type === 'SeekerPreferencesChanged' || e.type === 'SeekerRegistered')!.data as SeekerPreferences;
    const profile = await this.vault.open(registered.profileRef);
    return {
      seekerId,
      name: maskName(profile['name'] ?? ''),
      idNumber: maskIdNumber(profile['idNumber'] ?? ''),
      mobile: maskMobile(profile['mobile'] ?? ''),
      preferences: { categories: latest.categories, skills: latest.skills, payModes: latest.payModes, homeStreetCode: latest.homeStreetCode, travelRadiusKm: latest.travelRadiusKm, availability: latest.availability },
      pushes: state.pushes,
      dailyCap: state.dailyCap,
    };
  }

  @Put('me/preferences')
  @SeekerOnly()
  @ApiOperation({ summary: '修改求职意向（工种、技能、通勤距离、可工作时间）' })
  async changePreferences(@CurrentAccount() seekerId: string, @Body() body: PreferencesDto) {
    assertStreetInNode(body.homeStreetCode, this.platform.node.code, 'homeStreetCode');
    const { version } = await this.runner.run(seekerAggregate, seekerId, { type: 'ChangePreferences', preferences: preferences(body) }, { meta: { actor: `seeker:${seekerId}` } });
    return { seekerId, version };
  }

  @Put('me/pushes')
  @SeekerOnly()
  @ApiOperation({ summary: '精准推送：开关与每天上限' })
  async changePushes(@CurrentAccount() seekerId: string, @Body() body: PushesDto) {
    const { state, version } = await this.runner.run(seekerAggregate, seekerId, { type: 'ChangePushes', pushes: body.pushes, dailyCap: body.dailyCap }, { meta: { actor: `seeker:${seekerId}` } });
    return { seekerId, pushes: state.pushes, dailyCap: state.dailyCap, version };
  }
}
