import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@ws/kernel';
import { AuthorKeyDto, ConfirmWishDto, ReopenWishDto } from './author-answer.dto';
import { AuthorAnswerHandler } from './author-answer.handler';

/** The author, known only by the key they got when posting, answers the completion. */
@ApiTags('心愿墙 wishes')
@Controller('wishes/no/:wishNo')
export class AuthorAnswerController {
  constructor(private readonly handler: AuthorAnswerHandler) {}

  @Post('confirm')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '作者确认完成并评价（1–5 星），心愿关闭' })
  confirm(@Param('wishNo') wishNo: string, @Body() dto: ConfirmWishDto) {
    return this.handler.confirm(wishNo, dto);
  }

  @Post('reopen')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '作者认为没有解决：附理由重新打开，交回原街道' })
  reopen(@Param('wishNo') wishNo: string, @Body() dto: ReopenWishDto) {
    return this.handler.reopen(wishNo, dto);
  }

  @Post('forget-contact')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '删除留下的联系方式（销毁密钥，不可恢复）' })
  forgetContact(@Param('wishNo') wishNo: string, @Body() dto: AuthorKeyDto) {
    return this.handler.forgetContact(wishNo, dto);
  }
}
