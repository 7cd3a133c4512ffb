import { Injectable } from '@nestjs/common';
import type { JobApplicationSide } from '@ws/contracts';
import { CommandRunner } from '@ws/platform';
import { runApplicationCommand } from '../run-application-command';
import type { RatingDto } from './rate-work.dto';

/** Each side of a hire rates the other once, on its own application (the decider says when and how). */
@Injectable()
export class RateWorkHandler {
  constructor(private readonly runner: CommandRunner) {}

  rate(side: JobApplicationSide, accountId: string, applicationId: string, body: RatingDto) {
    return runApplicationCommand(this.runner, side, accountId, applicationId, () => ({ type: 'RateWork', by: side, rating: body.rating, comment: body.comment ?? null }));
  }
}
