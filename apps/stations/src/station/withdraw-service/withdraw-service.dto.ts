import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { SERVICE_CODES } from '@ws/contracts';
import type { ServiceCode } from '@ws/contracts';
import type { WithdrawService } from './withdraw-service.command';

export class WithdrawServiceDto {
  @ApiProperty({ enum: [...SERVICE_CODES], description: '停止提供的服务项目' })
  @IsIn(SERVICE_CODES)
  service!: ServiceCode;
}

export function toWithdrawService(stationId: string, dto: WithdrawServiceDto): WithdrawService {
  return { type: 'WithdrawService', stationId, service: dto.service };
}
