import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { MEMBER_OCCUPATIONS, type MemberOccupation, UNION_KINDS, type UnionKind } from '@ws/contracts';

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
