import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@ws/kernel';
import type { Principal, Role } from '@ws/kernel';
import { PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { OidcService } from '../oidc/oidc.service';
import { KeyRing } from './key-ring';
import { identityError } from '../identity.errors';

class SigningKeyView {
  @ApiProperty() kid!: string;
  @ApiProperty({ format: 'date-time', description: '此时间起签发的令牌可用此密钥' }) notBefore!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: '此时间后不再签发（已签发的令牌到期前仍有效）' }) notAfter!: string | null;
  @ApiProperty({ description: '当前用于签发' }) signing!: boolean;
}

class SigningKeysView {
  @ApiProperty({ type: [SigningKeyView] }) items!: SigningKeyView[];
}

/** The node's ops admin and its own officers (not an ancestor's: each node holds its own key). */
const KEY_ROLES: Role[] = ['ops_admin', 'province_officer', 'city_officer', 'district_officer'];

/** The node's token signing keys: which sign, which are kept for tokens already issued; a rotation. */
@ApiTags('签名密钥 signing keys')
@ApiBearerAuth()
@Roles(...KEY_ROLES)
@Controller('keys')
export class KeysController {
  constructor(
    private readonly keys: KeyRing,
    private readonly oidc: OidcService,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: '本节点的令牌签名密钥及其有效期' })
  @ApiOkResponse({ type: SigningKeysView })
  list(@CurrentPrincipal() principal: Principal): SigningKeysView {
    this.assertOwnNode(principal);
    return { items: this.keys.windowsOfKeys() };
  }

  @Post('rotate')
  @HttpCode(201)
  @ApiOperation({ summary: '轮换签名密钥：新密钥立即向本节点及下级公布，60 秒后开始签发；旧密钥签发的令牌到期前仍有效' })
  @ApiCreatedResponse({ type: SigningKeyView })
  async rotate(@CurrentPrincipal() principal: Principal): Promise<SigningKeyView> {
    this.assertOwnNode(principal);
    const kid = await this.oidc.rotate();
    return this.keys.windowsOfKeys().find((key) => key.kid === kid)!;
  }

  private assertOwnNode(principal: Principal): void {
    if (principal.node !== this.platform.node.code) {
      throw identityError('out_of_scope', `只有本节点（${this.platform.node.code}）的管理员可以管理本节点的签名密钥`);
    }
  }
}
