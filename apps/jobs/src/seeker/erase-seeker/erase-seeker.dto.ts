import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class EraseSeekerDto {
  @ApiProperty({ description: '发到本人手机的短信验证码（注销个人信息）' }) @Matches(/^\d{6}$/, { message: 'code 须为 6 位数字' })
  code!: string;
}
