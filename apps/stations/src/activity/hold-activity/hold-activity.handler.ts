import { Injectable } from '@nestjs/common';
import type { Principal } from '@ws/kernel';
import { Photos } from '@ws/uploads';
import { stationsError } from '../../errors';
import { ActivityCommands, type ActivityOutcome } from '../activity-commands';
import type { HoldActivity } from './hold-activity.command';

/**
 * Records an activity as held once its photos are known here: each reference must name a photo
 * uploaded to this node's stations service, so a held activity never shows a photo that nobody
 * can open; they are claimed, kept from then on (an upload nothing claims is swept after a day).
 */
@Injectable()
export class HoldActivityHandler {
  constructor(
    private readonly activities: ActivityCommands,
    private readonly photos: Photos,
  ) {}

  async hold(command: HoldActivity, principal: Principal, expectedVersion?: number): Promise<ActivityOutcome> {
    const missing = await this.photos.claim(command.photos);
    if (missing.length > 0) {
      throw stationsError('photo_not_uploaded', `有 ${missing.length} 张照片没有上传到本节点，请重新上传`, 'photos', { missing: missing.length });
    }
    return this.activities.run(command, principal, expectedVersion);
  }
}
