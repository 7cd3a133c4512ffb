import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { Public } from '@ws/kernel';
import { PROOF_THROTTLE } from '../../inbox/proof-throttle';
import { BindChannelDto, PreferencesDto, UnbindChannelDto } from './choose-channels.dto';
import { ChooseChannelsHandler } from './choose-channels.handler';

/** The worker's channel choices (退订, 开通/解除 网页推送、微信), each call with their proof in the body. */
@ApiTags('站内信 inbox')
@Controller('inbox')
export class ChooseChannelsController {
  constructor(private readonly handler: ChooseChannelsHandler) {}

  @Post('preferences')
  @HttpCode(200)
  @Public()
  @Throttle(PROOF_THROTTLE)
  @ApiOperation({ summary: '退订或恢复某个渠道（短信、微信、网页推送）；站内信始终保留' })
  preferences(@Body() dto: PreferencesDto) {
    return this.handler.preferences(dto);
  }

  @Post('bindings')
  @HttpCode(200)
  @Public()
  @Throttle(PROOF_THROTTLE)
  @ApiOperation({ summary: '开通网页推送或微信订阅通知（须本人同意；地址加密保存，只用于通知）' })
  bind(@Body() dto: BindChannelDto) {
    return this.handler.bind(dto);
  }

  @Post('bindings/remove')
  @HttpCode(200)
  @Public()
  @Throttle(PROOF_THROTTLE)
  @ApiOperation({ summary: '解除网页推送或微信订阅通知（删除所存地址）' })
  unbind(@Body() dto: UnbindChannelDto) {
    return this.handler.unbind(dto);
  }
}
