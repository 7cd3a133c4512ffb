import { IsInt, Max, Min } from 'class-validator';
import { AttemptCounters } from '@ws/platform';
import { loadConfig } from '@ws/kernel';
import { stationsError } from '../errors';

/** Per station and minute, whoever sends them (the throttler limits each client besides). */
export class IngestLimitsEnv {
  /** Single check-ins (扫码打卡): far above any station's real traffic, a stop for a runaway client. */
  @IsInt() @Min(1) @Max(10_000_000)
  STATION_CHECKINS_PER_MINUTE: number = 6000;

  /** Visits in kiosk batches (离线上传): a day's uploads from a few kiosks fit; a flood does not. */
  @IsInt() @Min(1) @Max(10_000_000)
  STATION_BATCH_VISITS_PER_MINUTE: number = 10_000;
}

export interface IngestLimitsConfig {
  checkinsPerMinute: number;
  batchVisitsPerMinute: number;
}

export const INGEST_LIMITS_CONFIG = Symbol('INGEST_LIMITS_CONFIG');

export function ingestLimitsConfig(env: NodeJS.ProcessEnv = process.env): IngestLimitsConfig {
  const raw = loadConfig(IngestLimitsEnv, env);
  return { checkinsPerMinute: raw.STATION_CHECKINS_PER_MINUTE, batchVisitsPerMinute: raw.STATION_BATCH_VISITS_PER_MINUTE };
}

const MINUTE_MS = 60_000;

/**
 * A station's public intake per minute, in two budgets: a flood of kiosk batches is refused
 * (429, nothing stored) while riders' single check-ins at the same station still go in. A batch
 * is taken whole or not at all.
 */
export class StationIngestLimits {
  private readonly counters = new AttemptCounters();

  constructor(private readonly config: IngestLimitsConfig) {}

  single(stationId: string): void {
    if (!this.counters.take(`single:${stationId}`, this.config.checkinsPerMinute, MINUTE_MS)) throw this.refusal(`single:${stationId}`, this.config.checkinsPerMinute, '次打卡');
  }

  batch(stationId: string, visits: number): void {
    if (!this.counters.takeMany(`batch:${stationId}`, visits, this.config.batchVisitsPerMinute, MINUTE_MS)) {
      throw this.refusal(`batch:${stationId}`, this.config.batchVisitsPerMinute, '条批量上传的到访');
    }
  }

  private refusal(key: string, limit: number, what: string) {
    return stationsError('station_ingest_limited', `该驿站每分钟最多接收 ${limit} ${what}，请 ${Math.max(1, this.counters.secondsLeft(key))} 秒后重试`, 'id');
  }
}
