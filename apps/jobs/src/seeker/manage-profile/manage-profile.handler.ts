import { Inject, Injectable } from '@nestjs/common';
import { maskIdNumber, maskMobile, maskName } from '@ws/contracts';
import type { SeekerPreferences } from '@ws/contracts';
import { CommandRunner, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { seekerAggregate } from '../../aggregates';
import { jobsError } from '../../errors';
import type { PreferencesDto } from '../../shared/dto';
import { assertStreetInNode } from '../../shared/scope';
import { JobsVault } from '../../vault/jobs-vault';
import { seekerPreferences } from '../seeker-preferences';
import type { PushesDto } from './manage-profile.dto';

/** A seeker's own profile: shown masked from the vault, their wishes and pushes changed. */
@Injectable()
export class ManageProfileHandler {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: JobsVault,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  async me(seekerId: string) {
    const { envelopes, state } = await this.runner.load(seekerAggregate, seekerId);
    if (!state.registered) throw jobsError('seeker_not_found', '没有这个求职者');
    const registered = envelopes.find((e) => e.type === 'SeekerRegistered')!.data as { profileRef: string } & SeekerPreferences;
    const latest = [...envelopes].reverse().find((e) => e.type === 'SeekerPreferencesChanged' || e.type === 'SeekerRegistered')!.data as SeekerPreferences;
    const profile = await this.vault.open(registered.profileRef);
    return {
      seekerId,
      name: maskName(profile['name'] ?? ''),
      idNumber: maskIdNumber(profile['idNumber'] ?? ''),
      mobile: maskMobile(profile['mobile'] ?? ''),
      preferences: { categories: latest.categories, skills: latest.skills, payModes: latest.payModes, homeStreetCode: latest.homeStreetCode, travelRadiusKm: latest.travelRadiusKm, availability: latest.availability },
      pushes: state.pushes,
      dailyCap: state.dailyCap,
    };
  }

  async changePreferences(seekerId: string, body: PreferencesDto) {
    assertStreetInNode(body.homeStreetCode, this.platform.node.code, 'homeStreetCode');
    const { version } = await this.runner.run(seekerAggregate, seekerId, { type: 'ChangePreferences', preferences: seekerPreferences(body) }, { meta: { actor: `seeker:${seekerId}` } });
    return { seekerId, version };
  }

  async changePushes(seekerId: string, body: PushesDto) {
    const { state, version } = await this.runner.run(seekerAggregate, seekerId, { type: 'ChangePushes', pushes: body.pushes, dailyCap: body.dailyCap }, { meta: { actor: `seeker:${seekerId}` } });
    return { seekerId, pushes: state.pushes, dailyCap: state.dailyCap, version };
  }
}
