import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID } from 'class-validator';

export class AttachEmployerDto {
  @ApiProperty() @IsUUID('all', { message: 'employerId 须为雇主编号' })
  employerId!: string;
}

export class AttachPostingDto {
  @ApiProperty() @IsUUID('all', { message: 'postingId 须为招工信息编号' })
  postingId!: string;
}

export class CountDto {
  @ApiProperty({ description: '本次记录的人数：到场或直播观看，或达成意向（只计数）' }) @IsInt({ message: '人数须为整数' })
  count!: number;

  @ApiPropertyOptional({ description: '这次记录的编号（客户端生成的 UUID）：重试时同一编号只计一次' }) @IsOptional() @IsUUID('all', { message: 'entryId 须为 UUID' })
  entryId?: string;
}

export class IntentionsDto extends CountDto {
  @ApiProperty({ description: '达成意向的参会岗位（人数记在 count，不记姓名）' }) @IsUUID('all', { message: 'postingId 须为招工信息编号' })
  postingId!: string;
}
