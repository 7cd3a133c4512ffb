import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { INBOX_PAGE_MAX } from '../../inbox/inbox.query';
import { ProvenDto } from '../../inbox/proof.dto';

export class InboxQueryDto extends ProvenDto {
  @ApiPropertyOptional({ description: '上一页答复的 next' }) @IsOptional() @IsString() @MaxLength(200)
  after?: string;

  @ApiPropertyOptional({ default: 20, maximum: INBOX_PAGE_MAX }) @IsOptional() @IsInt() @Min(1) @Max(INBOX_PAGE_MAX)
  limit?: number;
}

export class MarkReadDto extends ProvenDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsUUID('all', { each: true })
  messageIds!: string[];
}
