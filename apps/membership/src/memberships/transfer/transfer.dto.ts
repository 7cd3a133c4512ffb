import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export class RequestTransferDto {
  @ApiPropertyOptional({ description: '转会编号（UUID，客户端生成可保证重试幂等）' })
  @IsOptional() @IsUUID()
  transferId?: string;

  @ApiProperty({ description: '转入工会' }) @IsUUID()
  toUnionId!: string;

  @ApiPropertyOptional({ description: '转入工会所在节点（GB/T 2260 代码）；缺省为本节点', example: '330803' })
  @IsOptional() @Matches(/^(\d{2}|\d{4}|\d{6}|x[0-9a-f]{5})$/)
  toNode?: string;
}

export class DeclineTransferDto {
  @ApiProperty({ example: '不符合行业' }) @IsString() @MaxLength(400)
  reason!: string;
}
