import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { INBOX_PAGE_MAX } from '../../inbox/inbox.query';

export class OfficerInboxQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200)
  after?: string;

  @ApiPropertyOptional({ default: 20, maximum: INBOX_PAGE_MAX }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(INBOX_PAGE_MAX)
  limit?: number;
}

export class OfficerReadDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsUUID('all', { each: true })
  messageIds!: string[];
}
