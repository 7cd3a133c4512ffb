import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { REJECTION_REASONS, type RejectionReason } from '@ws/contracts';

export const MAX_BULK_APPROVALS = 500;

export class ApproveApplicationsDto {
  @ApiProperty({ type: [String], description: `1–${MAX_BULK_APPROVALS} 份申请，逐份答复` })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_BULK_APPROVALS) @IsUUID('all', { each: true })
  applicationIds!: string[];
}

export class RejectApplicationDto {
  @ApiProperty({ enum: REJECTION_REASONS }) @IsIn(REJECTION_REASONS)
  reason!: RejectionReason;

  @ApiPropertyOptional({ description: '给申请人的说明（不得包含手机号、身份证号）' })
  @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export const INFO_FIELDS = ['name', 'occupation', 'employer', 'unionId', 'streetCode'] as const;

export class RequestInfoDto {
  @ApiProperty({ enum: INFO_FIELDS, isArray: true })
  @IsArray() @ArrayMaxSize(INFO_FIELDS.length) @IsIn(INFO_FIELDS, { each: true })
  fields!: string[];

  @ApiProperty({ example: '请补充所在配送站点' }) @IsString() @MaxLength(2000)
  note!: string;
}
