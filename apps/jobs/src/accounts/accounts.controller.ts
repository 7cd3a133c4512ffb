import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { IsIn, Matches } from 'class-validator';
import { Public } from '@ws/kernel';
import { VerificationCodes } from '@ws/verification';
import { JobsAccess } from '../access/jobs-access';
import type { JobsAccountKind } from '../access/jobs-access';
import { MOBILE, MobileCodeDto } from '../shared/dto';
import { JobsVault } from '../vault/jobs-vault';
import { jobsError } from '../errors';

const ACCOUNT_KINDS = ['seeker', 'employer'] as const;

export class CodeRequestDto {
  @ApiProperty({ example: '13800001234' }) @Matches(MOBILE, { message: 'mobile 须为 11 位手机号' })
  mobile!: string;

  @ApiProperty({ enum: ['register', 'login'] }) @IsIn(['register', 'login'])
  purpose!: 'register' | 'login';

  @ApiProperty({ enum: ACCOUNT_KINDS }) @IsIn(ACCOUNT_KINDS)
  account!: JobsAccountKind;
}

export class SessionDto extends MobileCodeDto {
  @ApiProperty({ enum: ACCOUNT_KINDS }) @IsIn(ACCOUNT_KINDS)
  account!: JobsAccountKind;
}

/** Mobile codes and sign-in for seekers and employers (零工之家 accounts, not officers). */
@ApiTags('零工之家 jobs')
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly codes: VerificationCodes,
    private readonly vault: JobsVault,
    private readonly access: JobsAccess,
  ) {}

  @Post('codes')
  @HttpCode(202)
  @Public()
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @ApiOperation({ summary: '发送短信验证码：注册（任何手机号）或登录（已注册的手机号；未注册的答复相同但不发送）' })
  async sendCode(@Body() body: CodeRequestDto) {
    if (body.purpose === 'register') return this.codes.issue(body.mobile, 'jobs_register');
    if (await this.vault.ownerWithMobile(body.account, body.mobile)) return this.codes.issue(body.mobile, 'jobs_login');
    const now = Date.now();
    return { expiresAt: new Date(now + 5 * 60_000).toISOString(), resendAfter: new Date(now + 60_000).toISOString() };
  }

  @Post('sessions')
  @HttpCode(201)
  @Public()
  @ApiOperation({ summary: '求职者或雇主登录：手机号 + 短信验证码 → 会话令牌' })
  async login(@Body() body: SessionDto) {
    const id = await this.vault.ownerWithMobile(body.account, body.mobile);
    // No code was sent to an unknown mobile, so the check answers alike for a stranger.
    await this.codes.verify(body.mobile, 'jobs_login', body.code);
    if (!id) throw jobsError('jobs_unauthenticated', '手机号或验证码不正确');
    return { [`${body.account}Id`]: id, ...(await this.access.sessionFor(body.account, id)) };
  }
}
