import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { LEGAL_WORKER_ERASURE_REASON_MAX } from '@ws/contracts';

export class EraseWorkerDto {
  @ApiProperty({ description: '删除理由（如：当事人申请删除；随事件长期保存，不得含手机号、身份证号）', maxLength: LEGAL_WORKER_ERASURE_REASON_MAX, example: '当事人申请删除个人信息' })
  @IsString({ message: '请填写删除理由' }) @MaxLength(LEGAL_WORKER_ERASURE_REASON_MAX, { message: `删除理由不能超过 ${LEGAL_WORKER_ERASURE_REASON_MAX} 字` })
  reason!: string;
}
