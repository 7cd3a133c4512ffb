import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { OFFICER_ROLES } from '@ws/contracts';
import type { OfficerRole } from '@ws/contracts';
import { PageQueryDto } from '@ws/platform';
import { ACCOUNT_STATUSES, AccountView, ROLE_MESSAGE } from '../account.dto';
import type { AccountStatus } from '../account.dto';

export class AccountListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: OFFICER_ROLES }) @IsOptional() @IsIn(OFFICER_ROLES, { message: ROLE_MESSAGE })
  role?: OfficerRole;

  @ApiPropertyOptional({ enum: ACCOUNT_STATUSES }) @IsOptional() @IsIn(ACCOUNT_STATUSES, { message: '状态须为 active、locked 或 disabled' })
  status?: AccountStatus;

  @ApiPropertyOptional({ description: '用户名或姓名包含' }) @IsOptional() @IsString({ message: '查询词无效' }) @MaxLength(40, { message: '查询词最多 40 个字' })
  q?: string;
}

export class AccountPage {
  @ApiProperty({ type: [AccountView] }) items!: AccountView[];
  @ApiPropertyOptional({ nullable: true, type: String }) next!: string | null;
}
