import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import type { DemandDispatchMode, WishCategory, WishStreamEvent } from '@ws/contracts';
import { DomainError, newId, Principal, authorize } from '@ws/kernel';
import { DB, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { demandAggregate } from '../../aggregates';
import type { WishesDatabase } from '../../db/database';
import { undecidedWishIds } from '../../read-models/board/demand-list.query';
import { openStation } from '../../read-models/stations/known-stations.query';
import { earlierResult, isUniqueViolation, recordResult, requestHash } from '../../shared/idempotency';
import { isStreetOfNode } from '../../shared/street-code';
import { CATEGORY_LABELS } from '../../wish/labels';
import { WishCommands } from '../../wish/wish-commands';
import { defaultDispatchDeadline } from '../../wish/wish-policy';
import type { WishState } from '../../wish/wish.decider';
import type { DecideDemandDto } from './decide-demand.dto';
import { wishesError } from '../../errors';

export interface DecisionResult {
  decisionId: string;
  streetCode: string;
  category: WishCategory;
  mode: DemandDispatchMode;
  wishIds: string[];
  deadline: string;
  replayed: boolean;
}

const ATTEMPTS = 3;

/**
 * 统一派单: the street officer decides for one group of the demand list. The decision and the
 * mark on every wish it covers commit together, so a wish is never in two decisions.
 */
@Injectable()
export class DecideDemandHandler {
  constructor(
    @Inject(DB) private readonly db: Kysely<WishesDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    private readonly wishes: WishCommands,
  ) {}

  async decide(streetCode: string, dto: DecideDemandDto, principal: Principal, clientKey: string | null): Promise<DecisionResult> {
    if (!isStreetOfNode(streetCode, this.platform.node.code)) throw wishesError('out_of_scope', `街道 ${streetCode} 不属于本节点`, 'streetCode');
    authorize(principal, { street: streetCode });
    const scope = `decision:${streetCode}`;
    const hash = requestHash(dto);
    if (clientKey) {
      const earlier = await this.replay(scope, clientKey, hash);
      if (earlier) return earlier;
    }
    if (dto.activity) await openStation(this.db, dto.activity.stationId, this.platform.node.code);
    const decisionId = newId();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(decisionId, streetCode, dto, principal, scope, clientKey, hash);
      } catch (error) {
        if (clientKey && isUniqueViolation(error, 'idempotency_keys_pkey')) {
          const earlier = await this.replay(scope, clientKey, hash);
          if (earlier) return earlier;
        }
        const conflict = error instanceof DomainError && error.code === 'version_conflict';
        if (!conflict || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  private async attempt(
    decisionId: string,
    streetCode: string,
    dto: DecideDemandDto,
    principal: Principal,
    scope: string,
    clientKey: string | null,
    hash: string,
  ): Promise<DecisionResult> {
    const wishIds = dto.wishIds ?? (await undecidedWishIds(this.db, streetCode, dto.category));
    if (wishIds.length === 0) throw wishesError('decision_invalid', '该组没有待决定的心愿', 'wishIds');
    const loaded = await Promise.all(wishIds.map(async (wishId) => ({ wishId, ...(await this.wishes.load(wishId)) })));
    const now = this.wishes.runner.now();
    const marks: { wishId: string; version: number; events: WishStreamEvent[] }[] = [];
    for (const { wishId, state, version } of loaded) {
      if (state.status === 'none') throw wishesError('wish_not_found', `没有心愿 ${wishId}`, 'wishIds');
      const events = this.wishes.aggregate.decider.decide(
        { type: 'IncludeInDecision', decisionId, mode: dto.mode, officerId: principal.subject, streetCode, category: dto.category, answer: dto.answer?.trim() || null },
        state,
        { now },
      );
      if (events instanceof DomainError) throw events;
      marks.push({ wishId, version, events });
    }
    const states = loaded.map((l) => l.state);
    const deadline = dto.deadline ?? defaultDispatchDeadline(this.wishes.config.policy, earliestDeadline(states), now);
    const decided = demandAggregate.decider.decide(
      {
        type: 'DecideDispatch',
        decisionId,
        streetCode,
        category: dto.category,
        mode: dto.mode,
        wishStations: states.map((s) => ({ wishId: s.wishId, stationId: s.stationId })),
        title: dto.title ?? dto.activity?.title ?? `${CATEGORY_LABELS[dto.category]}（${wishIds.length} 条心愿）`,
        activity: dto.activity ? { ...dto.activity } : null,
        answer: dto.answer?.trim() || null,
        deadline: new Date(deadline).toISOString(),
        officerId: principal.subject,
      },
      demandAggregate.decider.initialState(),
      { now },
    );
    if (decided instanceof DomainError) throw decided;
    const runner = this.wishes.runner;
    const meta = { actor: principal.subject };
    await runner.transaction(async (trx) => {
      const [decision] = await runner.append(demandAggregate, decisionId, 0, decided, meta, trx);
      // The wishes' marks are caused by the decision: one correlation for the whole step.
      const caused = { ...meta, causationId: decision!.eventId, correlationId: decision!.metadata.correlationId };
      for (const mark of marks) await runner.append(this.wishes.aggregate, mark.wishId, mark.version, mark.events, caused, trx);
      if (clientKey) await recordResult(trx, scope, clientKey, decisionId, hash);
    });
    const data = decided[0]!.data;
    return { decisionId, streetCode, category: data.category, mode: data.mode, wishIds: data.wishIds, deadline: data.deadline, replayed: false };
  }

  private async replay(scope: string, clientKey: string, hash: string): Promise<DecisionResult | null> {
    const decisionId = await earlierResult(this.db, scope, clientKey, hash);
    if (!decisionId) return null;
    const { envelopes: events } = await this.wishes.runner.load(demandAggregate, decisionId);
    const decided = events.find((e) => e.type === 'DemandDispatchDecided');
    if (!decided) throw wishesError('decision_not_found', '找不到先前的派单决定');
    const data = decided.data as DecisionResult;
    return { decisionId, streetCode: data.streetCode, category: data.category, mode: data.mode, wishIds: data.wishIds, deadline: data.deadline, replayed: true };
  }
}

function earliestDeadline(states: WishState[]): string | null {
  const deadlines = states.map((s) => s.deadline).filter((d): d is string => d !== null).sort();
  return deadlines[0] ?? null;
}
