import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { OFFICER_ROLES } from '@ws/contracts';
import type { OfficerRole } from '@ws/contracts';

export const ROLE_MESSAGE = `角色须为 ${OFFICER_ROLES.join('、')} 之一`;

/** Where the account acts; the node is always the one this identity service serves. */
export class AccountScopeDto {
  @ApiProperty({ enum: OFFICER_ROLES }) @IsIn(OFFICER_ROLES, { message: ROLE_MESSAGE })
  role!: OfficerRole;

  @ApiPropertyOptional({ description: '街道工会干部：本节点下的 9 位街道代码' }) @IsOptional() @Matches(/^\w{9}$/, { message: '街道代码须为 9 位' })
  street?: string;

  @ApiPropertyOptional({ description: '站长：所管驿站的 stationId' }) @IsOptional() @IsUUID('all', { message: '驿站编号格式不正确' })
  station?: string;
}

export const ACCOUNT_STATUSES = ['active', 'locked', 'disabled'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

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
