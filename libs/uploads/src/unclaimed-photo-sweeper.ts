import { Inject, Injectable } from '@nestjs/common';
import { Kysely, sql } from 'kysely';
import { CLOCK } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { DB, PeriodicJob } from '@ws/platform';
import { PHOTO_STORE } from './photos';
import type { PhotoStore } from './photo-store';
import type { PhotoUploadsTables } from './tables';

/** An upload no command has claimed within this long is removed: a day to finish the form it was chosen in. */
export const UNCLAIMED_UPLOAD_KEPT_MS = 24 * 60 * 60 * 1000;
/** How often each service looks for them. */
const SWEEP_EVERY_MS = 60 * 60 * 1000;
/** Uploads marked per round of a pass. */
const BATCH = 200;

/**
 * Removes the photos uploaded to this service that no command claimed within a day (a form
 * abandoned after its photo was chosen). One process per service database sweeps (the job's
 * lease); in three steps, so that a command never claims a photo that is going: the rows are
 * marked (a claim passes over a marked row, and a mark over a claimed one), the photos removed
 * from the store, then the rows deleted. A pass stopped half-way leaves rows marked, which the
 * next pass takes up again. Photos uploaded before the uploads were recorded have no row and are kept.
 */
@Injectable()
export class UnclaimedPhotoSweeper extends PeriodicJob<number> {
  constructor(
    @Inject(DB) private readonly db: Kysely<PhotoUploadsTables>,
    @Inject(PHOTO_STORE) private readonly store: PhotoStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super({ name: 'UnclaimedPhotoSweeper', everyMs: SWEEP_EVERY_MS, leaseOn: db });
  }

  /** How many photos it removed. */
  protected async pass(): Promise<number> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - UNCLAIMED_UPLOAD_KEPT_MS);
    let removed = 0;
    for (;;) {
      // Marked rows first: a pass that stopped half-way left them.
      const { rows } = await sql<{ ref: string }>`
        update photo_uploads set sweeping_at = ${now}
        where ref in (
          select ref from photo_uploads
          where claimed_at is null and (sweeping_at is not null or uploaded_at < ${cutoff})
          order by sweeping_at nulls last, uploaded_at
          limit ${BATCH}
        ) and claimed_at is null
        returning ref`.execute(this.db);
      if (rows.length === 0) return removed;
      const refs = rows.map((row) => row.ref);
      for (const ref of refs) await this.store.remove(ref);
      await this.db.deleteFrom('photo_uploads').where('ref', 'in', refs).execute();
      removed += refs.length;
      if (rows.length < BATCH) return removed;
    }
  }
}
