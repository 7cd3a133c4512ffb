import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';
import { Public } from '@ws/kernel';
import { VolunteerAccess } from '../access/volunteer-access';

export class VolunteerSessionDto {
  @ApiProperty() @IsUUID()
  volunteerId!: string;

  @ApiProperty({ description: '登记时发放的登录码' }) @IsString() @Length(6, 32)
  accessCode!: string;
}

@ApiTags('志愿者 volunteers')
@Controller('volunteer-sessions')
export class VolunteerSessionController {
  constructor(private readonly access: VolunteerAccess) {}

  @Post()
  @HttpCode(201)
  @Public()
  @ApiOperation({ summary: '志愿者登录：志愿者编号 + 登录码 → 志愿者令牌' })
  login(@Body() body: VolunteerSessionDto) {
    return this.access.login(body.volunteerId, body.accessCode);
  }
}
