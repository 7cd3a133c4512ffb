import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { MEMBER_OCCUPATIONS, type MemberOccupation } from '@ws/contracts';
import { STREET_CODE } from '../../union/manage-unions/manage-unions.dto';

export class LookupApplicationDto {
  @ApiProperty({ example: 'RH260601K7Q2ZD9MX4', description: '申请编号' })
  @IsString() @MaxLength(40)
  number!: string;

  @ApiProperty({ example: '13812345678', description: '申请时填写的手机号' })
  @IsString() @MaxLength(20)
  mobile!: string;
}

/** The applicant answers a request for more information (补充材料), proving it is them with number + mobile. */
export class AmendApplicationDto extends LookupApplicationDto {
  @ApiPropertyOptional({ description: '更正后的姓名' })
  @IsOptional() @IsString() @MaxLength(20_000)
  name?: string;

  @ApiPropertyOptional({ enum: MEMBER_OCCUPATIONS })
  @IsOptional() @IsIn(MEMBER_OCCUPATIONS)
  occupation?: MemberOccupation;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20_000)
  employer?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID()
  unionId?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(STREET_CODE)
  streetCode?: string;
}
