import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { AssignManager } from './assign-manager.command';

export class AssignManagerDto {
  @ApiProperty({ description: '站长的人员编号（UUID），不填姓名', format: 'uuid' })
  @IsUUID()
  managerId!: string;
}

export function toAssignManager(stationId: string, dto: AssignManagerDto): AssignManager {
  return { type: 'AssignManager', stationId, managerId: dto.managerId };
}
