import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsString, MaxLength, ValidateNested } from 'class-validator';
import { MobileCodeDto, PointDto, PreferencesDto } from '../../shared/dto';

export class RegisterSeekerDto extends MobileCodeDto {
  @ApiProperty({ description: '姓名（与身份证一致，加密保存）' }) @IsString() @MaxLength(100)
  name!: string;

  @ApiProperty({ description: '居民身份证号（核对校验位，加密保存）' }) @IsString() @MaxLength(30)
  idNumber!: string;

  @ApiProperty({ type: PointDto, description: '家的位置（WGS-84；只用于匹配附近的工作，取整到约100米）' }) @ValidateNested() @Type(() => PointDto)
  home!: PointDto;

  @ApiProperty({ type: PreferencesDto }) @ValidateNested() @Type(() => PreferencesDto)
  preferences!: PreferencesDto;
}
