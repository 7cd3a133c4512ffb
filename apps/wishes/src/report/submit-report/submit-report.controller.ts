import { Body, Controller, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Kysely } from 'kysely';
import { newId, Public } from '@ws/kernel';
import { DB, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { WishesDatabase } from '../../db/database';
import { CommandRunner } from '@ws/platform';
import { checkedClientKey, earlierResult, isUniqueViolation, recordResult } from '../../shared/idempotency';
import { isStreetOfNode } from '../../shared/street-code';
import { sha256Hex } from '../../wish/wish-identity';
import { SubmitReportDto } from './submit-report.dto';
import { reportAggregate } from '../../aggregates';
import { wishesError } from '../../errors';

@ApiTags('随手拍 reports')
@Controller('reports')
export class SubmitReportController {
  constructor(
    @Inject(DB) private readonly db: Kysely<WishesDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    private readonly runner: CommandRunner,
  ) {}

  @Post()
  @Public()
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '客户端生成；同一键与相同内容只算一条' })
  @ApiOperation({ summary: '网格员随手拍：位置、描述、照片引用；重复提交只算一条' })
  async submit(@Body() dto: SubmitReportDto, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    if (!isStreetOfNode(dto.streetCode, this.platform.node.code)) throw wishesError('out_of_scope', `街道 ${dto.streetCode} 不属于本节点`, 'streetCode');
    const photoRefs = dto.photoRefs ?? [];
    // Same client key and same content: the same report, whatever the network did with the first try.
    const fingerprint = sha256Hex(JSON.stringify([checkedClientKey(key), dto.streetCode, dto.location.lng, dto.location.lat, dto.text.trim(), photoRefs]));
    const earlier = await earlierResult(this.db, 'report', fingerprint);
    if (earlier) {
      void reply.status(200);
      return { reportId: earlier, status: 'submitted', replayed: true };
    }
    const reportId = newId();
    try {
      await this.runner.run(
        reportAggregate,
        reportId,
        {
          type: 'SubmitReport',
          report: { reportId, streetCode: dto.streetCode, location: { lng: dto.location.lng, lat: dto.location.lat }, text: dto.text, photoRefs, memberCard: dto.memberCard ?? null, fingerprint },
        },
        { meta: { actor: 'public' }, alongside: (trx) => recordResult(trx, 'report', fingerprint, reportId) },
      );
    } catch (error) {
      if (!isUniqueViolation(error, 'idempotency_keys_pkey')) throw error;
      void reply.status(200);
      return { reportId: (await earlierResult(this.db, 'report', fingerprint))!, status: 'submitted', replayed: true };
    }
    return { reportId, status: 'submitted', replayed: false };
  }
}
