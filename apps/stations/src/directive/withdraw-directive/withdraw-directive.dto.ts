import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { NOT_BLANK } from '../../station/shared/dto-decorators';
import { MAX_REASON_LENGTH, type WithdrawDirective } from './withdraw-directive.command';

export class WithdrawDirectiveDto {
  @ApiProperty({ description: '撤回原因', maxLength: MAX_REASON_LENGTH, example: '目标任务调整，另行下达' })
  @IsString()
  @MaxLength(MAX_REASON_LENGTH)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;
}

export function toWithdrawDirective(directiveId: string, dto: WithdrawDirectiveDto): WithdrawDirective {
  return { type: 'WithdrawDirective', directiveId, reason: dto.reason };
}
