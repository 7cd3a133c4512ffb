import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { STANDARD_CODES } from '@ws/contracts';
import type { StandardCode } from '@ws/contracts';
import type { AdoptStandard } from './adopt-standard.command';

/** The node is the one the service runs for; only the standard is sent. */
export class AdoptStandardDto {
  @ApiProperty({ enum: [...STANDARD_CODES], description: '本级采用的建设标准：liu_you（六有）、ba_you（八有）、six_plus_x（6+X）、nine_plus_x（9+X）、ten_plus_x（10+X）' })
  @IsIn(STANDARD_CODES)
  standard!: StandardCode;
}

export function toAdoptStandard(nodeCode: string, dto: AdoptStandardDto): AdoptStandard {
  return { type: 'AdoptStandard', nodeCode, standard: dto.standard };
}
