import { Inject, Injectable, Logger } from '@nestjs/common';
import { Kysely } from 'kysely';
import { defineErrorTable, DomainError, errorsOf } from '@ws/kernel';
import { countParked, findParked, listParked, removeParked, type ParkedMessage } from '@ws/projections';
import { OutboxRelayService } from '../outbox-relay.service';
import { ProjectionsService } from '../projections.service';
import { DB } from '../tokens';

/** The ops endpoints' own refusals; PlatformModule adds them to every service's table. */
export const FAULTS_ERRORS = defineErrorTable({ retry_failed: 409 });
const faultsError = errorsOf(FAULTS_ERRORS);

/** Most items in one page of the ops lists. */
export const OPS_PAGE_SIZE = 100;

export interface FaultsSummary {
  parked: Record<string, number>;
  deadLetters: number;
}

/**
 * What the service set aside to keep going — parked messages of its read models and reactions,
 * outbox rows the bus refused — and what an operator does with them: list, retry, skip/discard.
 */
@Injectable()
export class FaultsService {
  private readonly logger = new Logger('Faults');

  constructor(
    @Inject(DB) private readonly db: Kysely<any>,
    private readonly projections: ProjectionsService,
    private readonly relay: OutboxRelayService,
  ) {}

  async summary(): Promise<FaultsSummary> {
    const [parked, deadLetters] = await Promise.all([countParked(this.db), this.relay.relay.deadLetterCount()]);
    return { parked, deadLetters };
  }

  async parked(options: { after?: number; refused?: boolean }): Promise<{ items: ParkedMessage[]; next: number | null }> {
    const items = await listParked(this.db, { afterId: options.after, limit: OPS_PAGE_SIZE, refused: options.refused });
    return { items, next: items.length === OPS_PAGE_SIZE ? items[items.length - 1]!.id : null };
  }

  /** Applies a parked message now through the runner of its read model or reaction; a reaction the domain refuses now is recorded as refused. */
  async retryParked(id: number): Promise<{ id: number; status: 'applied' | 'refused' }> {
    const parked = await findParked(this.db, id);
    if (!parked || parked.reason === 'refused') throw faultsError('not_found', `没有编号为 ${id} 的搁置消息`, 'id');
    const result = await this.projections.get(parked.consumer).retryParked(id);
    if (result.outcome === 'gone') throw faultsError('not_found', `编号为 ${id} 的搁置消息已被处理`, 'id');
    if (result.outcome === 'failed') throw retryFailed(result.reason, result.detail);
    return { id, status: result.outcome };
  }

  async skipParked(id: number): Promise<{ id: number; status: 'skipped' }> {
    const parked = await findParked(this.db, id);
    if (!parked || !(await removeParked(this.db, id))) throw faultsError('not_found', `没有编号为 ${id} 的搁置消息`, 'id');
    this.logger.warn(`parked ${parked.kind} message skipped: ${parked.consumer} ${parked.subject} #${parked.seq} (${parked.reason})`);
    return { id, status: 'skipped' };
  }

  async deadLetters(options: { after?: number }) {
    const items = await this.relay.relay.deadLetters({ afterPosition: options.after, limit: OPS_PAGE_SIZE });
    return { items, next: items.length === OPS_PAGE_SIZE ? items[items.length - 1]!.position : null };
  }

  async retryDeadLetter(position: number): Promise<{ position: number; status: 'published' }> {
    const result = await this.relay.relay.retryDeadLetter(position);
    if (result.outcome === 'gone') throw faultsError('not_found', `没有位置为 ${position} 的死信`, 'position');
    if (result.outcome === 'refused') throw faultsError('retry_failed', `消息总线仍然拒绝：${result.reason}`, 'position', { reason: 'refused' });
    return { position, status: 'published' };
  }

  async discardDeadLetter(position: number): Promise<{ position: number; status: 'discarded' }> {
    if (!(await this.relay.relay.discardDeadLetter(position))) throw faultsError('not_found', `没有位置为 ${position} 的死信`, 'position');
    this.logger.warn(`outbox dead letter discarded: position ${position}`);
    return { position, status: 'discarded' };
  }
}

function retryFailed(reason: string, detail: string): DomainError {
  return faultsError('retry_failed', `重试失败（${reason}）：${detail}`, 'id', { reason });
}
