import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles, uuidParam } from '@ws/kernel';
import { DeclineTransferDto, RequestTransferDto } from './transfer.dto';
import { TransferHandler } from './transfer.handler';

@ApiTags('转会 transfers')
@ApiBearerAuth()
@Controller()
@Roles('district_officer', 'street_officer')
export class TransferController {
  constructor(private readonly handler: TransferHandler) {}

  @Post('members/:membershipId/transfers')
  @ApiOperation({ summary: '申请转会（可转往另一节点的工会）' })
  request(@Param('membershipId', uuidParam('membershipId')) membershipId: string, @Body() dto: RequestTransferDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.request(membershipId, dto, principal);
  }

  @Post('transfers/:transferId/accept')
  @HttpCode(200)
  @ApiOperation({ summary: '转入工会接收：一步完成转出与转入' })
  accept(@Param('transferId', uuidParam('transferId')) transferId: string, @CurrentPrincipal() principal: Principal) {
    return this.handler.accept(transferId, principal);
  }

  @Post('transfers/:transferId/decline')
  @HttpCode(200)
  @ApiOperation({ summary: '拒绝或撤回转会' })
  decline(@Param('transferId', uuidParam('transferId')) transferId: string, @Body() dto: DeclineTransferDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.decline(transferId, dto.reason, principal);
  }
}
