import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { OFFICER_ROLES } from '@ws/contracts';
import type { OfficerRole } from '@ws/contracts';
import { PageQueryDto } from '@ws/platform';

const ROLE_MESSAGE = `角色须为 ${OFFICER_ROLES.join('、')} 之一`;

/** Where the account acts; the node is always the one this identity service serves. */
export class AccountScopeDto {
  @ApiProperty({ enum: OFFICER_ROLES }) @IsIn(OFFICER_ROLES, { message: ROLE_MESSAGE })
  role!: OfficerRole;

  @ApiPropertyOptional({ description: '街道工会干部：本节点下的 9 位街道代码' }) @IsOptional() @Matches(/^\w{9}$/, { message: '街道代码须为 9 位' })
  street?: string;

  @ApiPropertyOptional({ description: '站长：所管驿站的 stationId' }) @IsOptional() @IsUUID('all', { message: '驿站编号格式不正确' })
  station?: string;
}

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

export class ResetPasswordDto {
  @ApiProperty({ description: '新的临时密码（下次登录须修改）' }) @IsString({ message: '请填写新密码' }) @MaxLength(128, { message: '密码最多 128 位' })
  password!: string;
}

export const ACCOUNT_STATUSES = ['active', 'locked', 'disabled'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export class AccountListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: OFFICER_ROLES }) @IsOptional() @IsIn(OFFICER_ROLES, { message: ROLE_MESSAGE })
  role?: OfficerRole;

  @ApiPropertyOptional({ enum: ACCOUNT_STATUSES }) @IsOptional() @IsIn(ACCOUNT_STATUSES, { message: '状态须为 active、locked 或 disabled' })
  status?: AccountStatus;

  @ApiPropertyOptional({ description: '用户名或姓名包含' }) @IsOptional() @IsString({ message: '查询词无效' }) @MaxLength(40, { message: '查询词最多 40 个字' })
  q?: string;
}

/** An account as officers see it: never its password hash or TOTP secret. */
export class AccountView {
  @ApiProperty() accountId!: string;
  @ApiProperty() userName!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: OFFICER_ROLES }) role!: OfficerRole;
  @ApiProperty() node!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) street!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) station!: string | null;
  @ApiProperty({ enum: ACCOUNT_STATUSES }) status!: AccountStatus;
  @ApiProperty() mustChangePassword!: boolean;
  @ApiProperty() totpEnrolled!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) lockedUntil!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class AccountPage {
  @ApiProperty({ type: [AccountView] }) items!: AccountView[];
  @ApiPropertyOptional({ nullable: true, type: String }) next!: string | null;
}

export class SessionsEnded {
  @ApiProperty({ description: '结束的会话数' }) revoked!: number;
}
