import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import { newId } from '@ws/kernel';
import { CommandRunner, DB, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { Photos } from '@ws/uploads';
import type { WishesDatabase } from '../../db/database';
import { checkedClientKey, earlierResult, isUniqueViolation, recordResult } from '../../shared/idempotency';
import { isStreetOfNode } from '../../shared/street-code';
import { sha256Hex } from '../../wish/wish-identity';
import type { SubmitReportDto } from './submit-report.dto';
import { reportAggregate } from '../../aggregates';
import { wishesError } from '../../errors';

export interface SubmittedReport {
  reportId: string;
  status: 'submitted';
  /** True when the same key and content had already made this report. */
  replayed: boolean;
}

/** 随手拍 from a grid worker without an account: one report per client key and content, whatever the network did. */
@Injectable()
export class SubmitReportHandler {
  constructor(
    @Inject(DB) private readonly db: Kysely<WishesDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    private readonly runner: CommandRunner,
    private readonly photos: Photos,
  ) {}

  /** The street is checked before the key, as it always was. */
  async submit(dto: SubmitReportDto, idempotencyKey: string | undefined): Promise<SubmittedReport> {
    if (!isStreetOfNode(dto.streetCode, this.platform.node.code)) throw wishesError('out_of_scope', `街道 ${dto.streetCode} 不属于本节点`, 'streetCode');
    const photoRefs = dto.photoRefs ?? [];
    // Same client key and same content: the same report, whatever the network did with the first try.
    const fingerprint = sha256Hex(JSON.stringify([checkedClientKey(idempotencyKey), dto.streetCode, dto.location.lng, dto.location.lat, dto.text.trim(), photoRefs]));
    const earlier = await earlierResult(this.db, 'report', fingerprint);
    if (earlier) return { reportId: earlier, status: 'submitted', replayed: true };
    // The report's photos are kept from now on (an upload nothing claims is swept after a day).
    await this.photos.claim(photoRefs);
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
      return { reportId: (await earlierResult(this.db, 'report', fingerprint))!, status: 'submitted', replayed: true };
    }
    return { reportId, status: 'submitted', replayed: false };
  }
}
