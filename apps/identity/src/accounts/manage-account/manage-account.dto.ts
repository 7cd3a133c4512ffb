import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class ResetPasswordDto {
  @ApiProperty({ description: '新的临时密码（下次登录须修改）' }) @IsString({ message: '请填写新密码' }) @MaxLength(128, { message: '密码最多 128 位' })
  password!: string;
}

export class SessionsEnded {
  @ApiProperty({ description: '结束的会话数' }) revoked!: number;
}
