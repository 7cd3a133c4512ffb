import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { MEMBER_OCCUPATIONS, type MemberOccupation, UNION_KINDS, type UnionKind } from '@ws/contracts';

/** A node's code: GB/T 2260 province, city or district (2, 4 or 6 characters; test nodes use letters). */
export const NODE_CODE = /^[0-9a-z]{2}(?:[0-9a-z]{2}){0,2}$/;

/** 街道/乡镇 code: the district's GB/T 2260 code and three digits. */
export const STREET_CODE = /^[0-9a-z]{6}\d{3}$/;

export class CreateUnionDto {
  @ApiPropertyOptional({ description: '工会 id（UUID v7，客户端生成可保证重试幂等）' })
  @IsOptional() @IsUUID()
  unionId?: string;

  @ApiProperty({ example: '柯城区外卖配送行业联合工会' })
  @IsString() @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: UNION_KINDS })
  @IsIn(UNION_KINDS)
  kind!: UnionKind;

  @ApiPropertyOptional({ description: '上级工会' })
  @IsOptional() @IsUUID()
  parentUnionId?: string;

  @ApiPropertyOptional({ description: '上级工会所在节点（本节点或上级节点，如区总工会之上的市总工会）；缺省为本节点', example: '3308' })
  @IsOptional() @Matches(NODE_CODE)
  parentNodeCode?: string;

  @ApiPropertyOptional({ description: '所在街道代码（9位）', example: '330802001' })
  @IsOptional() @Matches(STREET_CODE)
  streetCode?: string;

  @ApiPropertyOptional({ enum: MEMBER_OCCUPATIONS, isArray: true, description: '联合工会覆盖的职业' })
  @IsOptional() @IsArray() @ArrayMaxSize(MEMBER_OCCUPATIONS.length) @IsIn(MEMBER_OCCUPATIONS, { each: true })
  occupations?: MemberOccupation[];
}

export class RenameUnionDto {
  @ApiProperty() @IsString() @MaxLength(200)
  name!: string;
}

export class MergeUnionDto {
  @ApiProperty({ description: '并入的工会' }) @IsUUID()
  intoUnionId!: string;
}

export class DissolveUnionDto {
  @ApiProperty({ example: '企业注销' }) @IsString() @MaxLength(400)
  reason!: string;
}
