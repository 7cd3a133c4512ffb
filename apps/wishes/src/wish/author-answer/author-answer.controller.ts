import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Kysely } from 'kysely';
import { Public } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { WishesDatabase } from '../../db/database';
import { ContactVault } from '../contact/contact-vault';
import { WishCommands } from '../wish-commands';
import { sha256Hex } from '../wish-identity';
import { wishIdByNo } from '../wish-lookup';
import { AuthorKeyDto, ConfirmWishDto, ReopenWishDto } from './author-answer.dto';
import { wishesError } from '../../errors';

/** The author, known only by the key they got when posting, answers the completion. */
@ApiTags('心愿墙 wishes')
@Controller('wishes/no/:wishNo')
export class AuthorAnswerController {
  constructor(
    @Inject(DB) private readonly db: Kysely<WishesDatabase>,
    private readonly wishes: WishCommands,
    private readonly vault: ContactVault,
  ) {}

  @Post('confirm')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '作者确认完成并评价（1–5 星），心愿关闭' })
  async confirm(@Param('wishNo') wishNo: string, @Body() dto: ConfirmWishDto) {
    const wishId = await wishIdByNo(this.db, wishNo);
    const result = await this.wishes.execute(
      wishId,
      { type: 'ConfirmWish', authorKeyHash: sha256Hex(dto.authorKey), rating: dto.rating, comment: dto.comment ?? null },
      { meta: { actor: 'author' } },
    );
    return { wishId, status: result.state.status };
  }

  @Post('reopen')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '作者认为没有解决：附理由重新打开，交回原街道' })
  async reopen(@Param('wishNo') wishNo: string, @Body() dto: ReopenWishDto) {
    const wishId = await wishIdByNo(this.db, wishNo);
    const result = await this.wishes.execute(wishId, { type: 'ReopenWish', authorKeyHash: sha256Hex(dto.authorKey), reason: dto.reason }, { meta: { actor: 'author' } });
    return { wishId, status: result.state.status, deadline: result.state.deadline };
  }

  @Post('forget-contact')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '删除留下的联系方式（销毁密钥，不可恢复）' })
  async forgetContact(@Param('wishNo') wishNo: string, @Body() dto: AuthorKeyDto) {
    const wishId = await wishIdByNo(this.db, wishNo);
    const { state } = await this.wishes.load(wishId);
    if (sha256Hex(dto.authorKey) !== state.authorKeyHash) throw wishesError('author_key_invalid', '凭证与心愿不符', 'authorKey');
    if (state.contactRef) await this.vault.erase(state.contactRef);
    return { wishId, contactErased: true };
  }
}
