import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { VISIT_KEY } from '../../checkin/visit-validation';

/** A worker signs up as they check in: with their device's key, never a name or a phone. */
export class SignUpDto {
  @ApiProperty({ description: '设备键：8–64 位字母、数字、_ 或 -（与扫码打卡相同，不填姓名电话）', example: '01J9Z7K3W2QF8N5R' })
  @Matches(VISIT_KEY, { message: 'key must be 8–64 characters of A–Z, a–z, 0–9, _ or -' })
  key!: string;
}
