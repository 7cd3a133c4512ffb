import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';

/** A projection's checkpoint (a stream sequence) as sampled at a time (performance.timeOrigin-based ms). */
export interface Checkpoint {
  at: number;
  position: number;
}

/**
 * A projection's checkpoint sampled every `everyMs` (each sample taken when the query answered):
 * when an event of a given stream sequence became visible, where the projection stood at a time.
 */
export class CheckpointPoller {
  readonly samples: Checkpoint[] = [];
  /** How long each query took (the poller's own cost on the database). */
  readonly queryMs: number[] = [];
  private stopped = false;
  private running?: Promise<void>;

  constructor(
    private readonly pg: Client,
    private readonly projection: string,
    private readonly everyMs: number,
  ) {}

  start(): void {
    const now = () => performance.timeOrigin + performance.now();
    this.running = (async () => {
      while (!this.stopped) {
        const asked = now();
        const { rows } = await this.pg.query<{ position: string }>('select position from projection_checkpoints where name = $1', [this.projection]);
        const answered = now();
        this.queryMs.push(answered - asked);
        this.samples.push({ at: answered, position: Number(rows[0]?.position ?? 0) });
        await new Promise((resolve) => setTimeout(resolve, this.everyMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  last(): number {
    return this.samples.at(-1)?.position ?? 0;
  }

  /** The first sample at which the checkpoint had reached `seq`. */
  visibleAt(seq: number): number | undefined {
    let low = 0;
    let high = this.samples.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.samples[mid]!.position >= seq) high = mid;
      else low = mid + 1;
    }
    return this.samples[low]?.at;
  }

  /** Where the checkpoint stood at `time` (the last sample taken by then). */
  positionAt(time: number): number {
    let position = 0;
    for (const sample of this.samples) {
      if (sample.at > time) break;
      position = sample.position;
    }
    return position;
  }
}
