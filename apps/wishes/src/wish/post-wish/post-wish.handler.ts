import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import type { WishAuthorKind, WishStatus } from '@ws/contracts';
import { authorize, newId } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { DB, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { Photos } from '@ws/uploads';
import type { WishesDatabase } from '../../db/database';
import { openStation } from '../../read-models/stations/known-stations.query';
import { checkedClientKey, earlierResult, isUniqueViolation, recordResult, requestHash } from '../../shared/idempotency';
import { ContactVault } from '../vault/contact-vault';
import { WishCommands } from '../wish-commands';
import { authorKeyFor, newWishNo, sha256Hex } from '../wish-identity';
import type { PostWishDto } from './post-wish.dto';

export interface PostedWish {
  wishId: string;
  wishNo: string;
  /** Keep it: it confirms, rates or reopens the wish. Shown once, derived again on a replay. */
  authorKey: string;
  status: WishStatus;
  /** True when the same Idempotency-Key had already posted this wish. */
  replayed: boolean;
}

export interface WishAuthor {
  kind: WishAuthorKind;
  postedBy: string | null;
}

const NUMBER_ATTEMPTS = 5;

/** Posting a wish or suggestion at a station: by the worker (QR code) or the manager for them. */
@Injectable()
export class PostWishHandler {
  constructor(
    @Inject(DB) private readonly db: Kysely<WishesDatabase>,
    private readonly wishes: WishCommands,
    private readonly vault: ContactVault,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    private readonly photos: Photos,
  ) {}

  /** The manager posts for a worker at a station of their own; the key is checked after the scope, as it always was. */
  postOnBehalf(dto: PostWishDto, principal: Principal, idempotencyKey: string | undefined): Promise<PostedWish> {
    authorize(principal, { station: dto.stationId, field: 'stationId' });
    return this.post(dto, { kind: 'station_manager', postedBy: principal.subject }, checkedClientKey(idempotencyKey));
  }

  async post(dto: PostWishDto, author: WishAuthor, clientKey: string | null): Promise<PostedWish> {
    const station = await openStation(this.db, dto.stationId, this.platform.node.code);
    const scope = `wish:${station.stationId}`;
    const hash = requestHash({ ...dto, author: author.kind, postedBy: author.postedBy });
    if (clientKey) {
      const earlier = await this.replay(scope, clientKey, hash);
      if (earlier) return earlier;
    }
    // The wish's photos are kept from now on (an upload nothing claims is swept after a day).
    await this.photos.claim(dto.photoRefs ?? []);
    const wishId = newId();
    const contactRef = dto.contact?.trim() ? newId() : null;
    for (let attempt = 1; ; attempt++) {
      const wishNo = newWishNo();
      try {
        await this.wishes.execute(
          wishId,
          {
            type: 'PostWish',
            kind: dto.kind ?? 'wish',
            wish: {
              wishId,
              wishNo,
              stationId: station.stationId,
              communityCode: station.communityCode,
              streetCode: station.streetCode,
              category: dto.category,
              text: dto.text,
              urgency: dto.urgency ?? 'normal',
              photoRefs: dto.photoRefs ?? [],
              authorKind: author.kind,
              memberCard: dto.memberCard ?? null,
              contactRef,
              authorKeyHash: sha256Hex(this.authorKey(wishId)),
              postedBy: author.postedBy,
            },
          },
          {
            meta: { actor: author.postedBy ?? 'public' },
            alongside: async (trx) => {
              await trx.insertInto('wish_numbers').values({ wish_no: wishNo, wish_id: wishId }).execute();
              if (clientKey) await recordResult(trx, scope, clientKey, wishId, hash);
              if (contactRef) await this.vault.store(trx, contactRef, dto.contact!.trim(), dto.smsConsent ? this.wishes.runner.now() : null);
            },
          },
        );
        return { wishId, wishNo, authorKey: this.authorKey(wishId), status: 'submitted', replayed: false };
      } catch (error) {
        if (clientKey && isUniqueViolation(error, 'idempotency_keys_pkey')) {
          const earlier = await this.replay(scope, clientKey, hash);
          if (earlier) return earlier;
        }
        if (!isUniqueViolation(error, 'wish_numbers_pkey') || attempt >= NUMBER_ATTEMPTS) throw error;
      }
    }
  }

  private authorKey(wishId: string): string {
    return authorKeyFor(this.wishes.config.authorSecret, wishId);
  }

  private async replay(scope: string, clientKey: string, hash: string): Promise<PostedWish | null> {
    const wishId = await earlierResult(this.db, scope, clientKey, hash);
    if (!wishId) return null;
    const { state } = await this.wishes.load(wishId);
    return { wishId, wishNo: state.wishNo, authorKey: this.authorKey(wishId), status: state.status === 'none' ? 'submitted' : state.status, replayed: true };
  }
}
