import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { Public } from '@ws/kernel';
import { VerificationCodes } from '@ws/verification';
import { VolunteerAccess } from '../access/volunteer-access';
import { VolunteerVault } from '../vault/volunteer-vault';
import { dispatchError } from '../../dispatch.errors';

const MOBILE = /^1[3-9]\d{9}$/;

/** Either the volunteer id and access code given at registration, or the mobile and an SMS code. */
export class VolunteerSessionDto {
  @ApiPropertyOptional() @ValidateIf((o: VolunteerSessionDto) => o.mobile === undefined) @IsUUID()
  volunteerId?: string;

  @ApiPropertyOptional({ description: '登记时发放的登录码' }) @ValidateIf((o: VolunteerSessionDto) => o.mobile === undefined) @IsString() @Length(6, 32)
  accessCode?: string;

  @ApiPropertyOptional({ description: '登记的手机号（与短信验证码一起）' }) @ValidateIf((o: VolunteerSessionDto) => o.volunteerId === undefined) @Matches(MOBILE, { message: 'mobile 须为 11 位手机号' })
  mobile?: string;

  @ApiPropertyOptional({ description: '短信验证码（POST /volunteer-sessions/codes 获取）' }) @ValidateIf((o: VolunteerSessionDto) => o.volunteerId === undefined) @Matches(/^\d{6}$/, { message: 'code 须为 6 位数字' })
  code?: string;
}

export class VolunteerCodeDto {
  @ApiProperty({ example: '13800001234' }) @Matches(MOBILE, { message: 'mobile 须为 11 位手机号' })
  mobile!: string;
}

@ApiTags('志愿者 volunteers')
@Controller('volunteer-sessions')
export class VolunteerSessionController {
  constructor(
    private readonly access: VolunteerAccess,
    private readonly vault: VolunteerVault,
    private readonly codes: VerificationCodes,
  ) {}

  @Post()
  @HttpCode(201)
  @Public()
  @ApiOperation({ summary: '志愿者登录：志愿者编号 + 登录码，或手机号 + 短信验证码 → 志愿者令牌' })
  async login(@Body() body: VolunteerSessionDto) {
    if (body.volunteerId !== undefined) return this.access.login(body.volunteerId, body.accessCode!);
    const volunteerId = await this.vault.volunteerWithMobile(body.mobile!);
    // No code was ever sent to an unknown mobile, so checking answers alike for a stranger.
    await this.codes.verify(body.mobile!, 'volunteer_login', body.code!);
    if (!volunteerId) throw dispatchError('volunteer_unauthenticated', '手机号或验证码不正确');
    return this.access.sessionFor(volunteerId);
  }

  @Post('codes')
  @HttpCode(202)
  @Public()
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @ApiOperation({ summary: '志愿者登录：给登记的手机号发短信验证码（未登记的号码答复相同，但不发送）', description: '开发环境中验证码出现在节点的消息盒子 /messages/。' })
  async sendCode(@Body() body: VolunteerCodeDto) {
    if (await this.vault.volunteerWithMobile(body.mobile)) return this.codes.issue(body.mobile, 'volunteer_login');
    const now = Date.now();
    return { expiresAt: new Date(now + 5 * 60_000).toISOString(), resendAfter: new Date(now + 60_000).toISOString() };
  }
}
