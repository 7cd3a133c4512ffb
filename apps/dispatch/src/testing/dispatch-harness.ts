import type { DynamicModule } from '@nestjs/common';
import { ServiceHarness, testPlatformConfig } from '@ws/testing/service-app';
import type { DispatchDatabase } from '../db/database';
import type { DispatchConfig } from '../dispatch.config';
import { DISPATCH_SERVICE, DispatchModule } from '../dispatch.module';
import { DispatchSweeper, SweepResult } from '../task/sweeper/dispatch-sweeper';

const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' }));
let mobileCounter = 0;

/** The dispatch service in-process (see ServiceHarness), with a sweeper that only runs when asked. */
export class DispatchHarness extends ServiceHarness<DispatchDatabase> {
  private dispatch: Partial<DispatchConfig> = {};

  static async create(dispatch: Partial<DispatchConfig> = {}): Promise<DispatchHarness> {
    const { config, database } = await testPlatformConfig(DISPATCH_SERVICE);
    const harness = new DispatchHarness(config, database);
    // One volunteers' secret for the harness's life: their tokens outlive a restart, as in production.
    harness.dispatch = { sweepIntervalMs: 3_600_000, volunteerTokenSecret: 'dispatch-test-volunteer-secret-0123456789', ...dispatch };
    await harness.start();
    return harness;
  }

  protected override module(): DynamicModule {
    return DispatchModule.forRoot({ config: this.config, clock: this.clock, dispatch: this.dispatch });
  }

  /** Registers a volunteer through the API and logs them in; returns their id and volunteer token. */
  async registerVolunteer(overrides: Record<string, unknown> = {}): Promise<{ volunteerId: string; accessCode: string; token: string }> {
    const officer = await this.token('district_officer');
    const registered = await this.http('POST', '/volunteers', {
      token: officer,
      body: {
        name: '测试志愿者',
        mobile: `139${String(++mobileCounter).padStart(4, '0')}${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`,
        type: 'party_member',
        skills: [{ skill: 'first_aid_trainer', certificateRef: 'cert-1' }],
        homeStreet: this.street,
        availability: ALL_WEEK,
        ...overrides,
      },
    });
    if (registered.status !== 201) throw new Error(`registration failed: ${registered.status} ${JSON.stringify(registered.body)}`);
    const { volunteerId, accessCode } = registered.body as { volunteerId: string; accessCode: string };
    const session = await this.http('POST', '/volunteer-sessions', { body: { volunteerId, accessCode } });
    return { volunteerId, accessCode, token: (session.body as { token: string }).token };
  }

  /** One sweep now: the harness's app is the only process on its database, so it gets the lease. */
  async sweep(): Promise<SweepResult> {
    const run = await this.app.get(DispatchSweeper).run();
    if (!run.ran) throw new Error('the sweep was skipped: another process holds the lease');
    return run.result;
  }
}
