import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import type { JobsAccountKind } from '../../access/jobs-access';
import { MOBILE, MobileCodeDto } from '../../shared/dto';

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
