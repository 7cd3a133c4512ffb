import type { DynamicModule } from '@nestjs/common';
import type { StationRegistered } from '@ws/contracts';
import type { Principal, Role } from '@ws/kernel';
import { ServiceHarness, testPlatformConfig } from '@ws/testing/service-app';
import type { WishesDatabase } from '../db/database';
import { DeadlineSweeper, SweepResult } from '../wish/deadline-sweeper/deadline-sweeper';
import { DEFAULT_WISH_POLICY } from '../wish/wish-policy';
import type { WishesConfig } from '../wishes.config';
import { WISHES_SERVICE, WishesModule } from '../wishes.module';
import { stationAnnouncement } from './station-announcement';

/**
 * The wishes service in-process (see ServiceHarness), with a sweeper that only runs when asked.
 * The stations' and dispatch's events are published by hand.
 */
export class WishesHarness extends ServiceHarness<WishesDatabase> {
  wishes!: WishesConfig;

  static async create(wishes: Partial<WishesConfig> = {}): Promise<WishesHarness> {
    const { config, database } = await testPlatformConfig(WISHES_SERVICE);
    const harness = new WishesHarness(config, database);
    harness.wishes = {
      policy: DEFAULT_WISH_POLICY,
      sweepIntervalMs: 3_600_000,
      vaultKey: 'wishes-test-vault-key-0123456789abcdef',
      authorSecret: 'wishes-test-author-secret-0123456789ab',
      ...wishes,
    };
    await harness.start();
    return harness;
  }

  protected override module(): DynamicModule {
    return WishesModule.forRoot({ config: this.config, clock: this.clock, wishes: this.wishes });
  }

  /** Subjects name the place, so tests can tell the officers of two streets apart. */
  override token(role: Role, extra: Partial<Principal> = {}): Promise<string> {
    return super.token(role, { subject: `test-${role}-${extra.station ?? extra.street ?? 'node'}`, ...extra });
  }

  /** A station as the stations context announces it; the wishes service learns it from the stream. */
  async registerStation(overrides: Partial<StationRegistered['data']> = {}): Promise<StationRegistered['data']> {
    const data = stationAnnouncement(this.street, overrides);
    await this.publishEvent('stations', 'station', data.stationId, 'StationRegistered', data);
    return data;
  }

  /** One sweep now: the harness's app is the only process on its database, so it gets the lease. */
  async sweep(): Promise<SweepResult> {
    const run = await this.app.get(DeadlineSweeper).run();
    if (!run.ran) throw new Error('the sweep was skipped: another process holds the lease');
    return run.result;
  }
}
