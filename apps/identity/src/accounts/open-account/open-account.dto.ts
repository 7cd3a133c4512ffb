import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { AccountScopeDto } from '../account.dto';

export class CreateAccountDto extends AccountScopeDto {
  @ApiProperty({ example: 'zhang_san', description: '3–32 位小写字母、数字、下划线、点或短横线，以字母开头' })
  @IsString({ message: '请填写用户名' }) @MaxLength(32, { message: '用户名最多 32 位' })
  userName!: string;

  @ApiProperty({ example: '张三' }) @IsString({ message: '请填写姓名' }) @MinLength(1, { message: '请填写姓名' }) @MaxLength(40, { message: '姓名最多 40 个字' })
  displayName!: string;

  @ApiProperty({ description: '初始密码（首次登录须修改）：至少 10 位，含大写、小写、数字、符号中的三种' })
  @IsString({ message: '请填写初始密码' }) @MaxLength(128, { message: '密码最多 128 位' })
  password!: string;
}
