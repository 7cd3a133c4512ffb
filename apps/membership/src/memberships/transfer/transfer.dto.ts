import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { NODE_CODE } from '../../union/manage-unions/manage-unions.dto';

export class RequestTransferDto {
  @ApiPropertyOptional({ description: '转会编号（UUID，客户端生成可保证重试幂等）' })
  @IsOptional() @IsUUID()
  transferId?: string;

  @ApiProperty({ description: '转入工会' }) @IsUUID()
  toUnionId!: string;

  @ApiPropertyOptional({ description: '转入工会所在节点（GB/T 2260 代码）；缺省为本节点', example: '330803' })
  @IsOptional() @Matches(NODE_CODE)
  toNode?: string;
}

export class DeclineTransferDto {
  @ApiProperty({ example: '不符合行业' }) @IsString() @MaxLength(400)
  reason!: string;
}
