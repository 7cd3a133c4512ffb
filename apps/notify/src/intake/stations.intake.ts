import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { consolePages, divisionName, ownEventPrefix, STANDARD_LABELS, subtreeContextFilter } from '@ws/contracts';
import type {
  DirectiveAcknowledged,
  DirectiveDeadlineAmended,
  DirectiveIssued,
  DirectiveReceived,
  DirectiveWithdrawn,
  EventEnvelope,
  StationRegistered,
  StationReopened,
  StationSuspended,
  StationUpdated,
  UpgradeCompleted,
  UpgradePlanned,
} from '@ws/contracts';
import { Reaction } from '@ws/platform';
import { shanghaiAt } from '../rules/shanghai-time';
import { IntakeContext, IntakeHandler, IntakeReaction } from './intake';
import { IntakeDeps } from './intake-deps';

type Data<E extends { data: unknown }> = EventEnvelope<string, E['data']>;

/** 09:00 Asia/Shanghai, `days` days before the YYYY-MM-DD `day`. */
function morningBefore(day: string, days: number): Date {
  return shanghaiAt(new Date(`${day}T00:00:00+08:00`), -days, 9 * 60);
}

function notBefore(now: Date, at: Date): Date {
  return at.getTime() > now.getTime() ? at : now;
}

async function stationName(ctx: IntakeContext, stationId: string): Promise<string> {
  return (await ctx.trx.selectFrom('station_refs').select('name').where('station_id', '=', stationId).executeTakeFirst())?.name ?? '驿站';
}

const STATION_HANDLERS: Record<string, IntakeHandler> = {
  StationRegistered: async (ctx, { data }: Data<StationRegistered>) => {
    await ctx.trx
      .insertInto('station_refs')
      .values({ station_id: data.stationId, name: data.name, street_code: data.streetCode })
      .onConflict((oc) => oc.column('station_id').doUpdateSet({ name: data.name, street_code: data.streetCode }))
      .execute();
  },
  StationUpdated: async (ctx, { data }: Data<StationUpdated>) => {
    if (data.changes.name) await ctx.trx.updateTable('station_refs').set({ name: data.changes.name }).where('station_id', '=', data.stationId).execute();
  },
  StationSuspended: async (ctx, { data }: Data<StationSuspended>) => {
    await ctx.tell({
      kind: 'station_suspended', recipient: { kind: 'station', id: data.stationId }, sms: false,
      params: { stationName: await stationName(ctx, data.stationId), reason: data.reason, until: data.until }, link: consolePages.station(data.stationId),
    });
  },
  StationReopened: async (ctx, { data }: Data<StationReopened>) => {
    await ctx.tell({
      kind: 'station_reopened', recipient: { kind: 'station', id: data.stationId }, sms: false,
      params: { stationName: await stationName(ctx, data.stationId) }, link: consolePages.station(data.stationId),
    });
  },
  UpgradePlanned: async (ctx, { data }: Data<UpgradePlanned>) => {
    await ctx.trx
      .insertInto('upgrade_refs')
      .values({ station_id: data.stationId, standard: STANDARD_LABELS[data.standard], due: data.due, completed: false })
      .onConflict((oc) => oc.column('station_id').doUpdateSet({ standard: STANDARD_LABELS[data.standard], due: data.due, completed: false }))
      .execute();
    await ctx.remind({ kind: 'upgrade_deadline', subjectId: `${data.stationId}@${data.due}`, dueAt: notBefore(ctx.now, morningBefore(data.due, ctx.config.deadlineReminderDays)) });
  },
  UpgradeCompleted: async (ctx, { data }: Data<UpgradeCompleted>) => {
    await ctx.trx.updateTable('upgrade_refs').set({ completed: true }).where('station_id', '=', data.stationId).execute();
  },
};

/** Notify's reaction to the node's own station events (驿站): names, suspensions, upgrades. */
@Reaction()
@Injectable()
export class StationsIntake extends IntakeReaction {
  constructor(deps: IntakeDeps) {
    super(deps, 'notify.intake-stations', `${ownEventPrefix(deps.node)}.stations.station.>`, STATION_HANDLERS);
  }
}

async function scheduleDeadline(ctx: IntakeContext, directiveId: string, deadline: string): Promise<void> {
  await ctx.remind({ kind: 'directive_deadline', subjectId: `${directiveId}@${deadline}`, dueAt: notBefore(ctx.now, morningBefore(deadline, ctx.config.deadlineReminderDays)) });
}

const DIRECTIVE_HANDLERS: Record<string, IntakeHandler> = {
  DirectiveIssued: async (ctx, { data }: Data<DirectiveIssued>) => {
    if (data.issuerNode !== ctx.node.code) return; // a child's own directive to its subtree
    await ctx.trx
      .insertInto('directive_refs')
      .values({ directive_id: data.directiveId, title: data.title, deadline: data.deadline, children: JSON.stringify(data.children), withdrawn: false })
      .onConflict((oc) => oc.column('directive_id').doNothing())
      .execute();
    await scheduleDeadline(ctx, data.directiveId, data.deadline);
  },
  DirectiveDeadlineAmended: async (ctx, { data }: Data<DirectiveDeadlineAmended>) => {
    if (data.issuerNode !== ctx.node.code) return;
    await ctx.trx.updateTable('directive_refs').set({ deadline: data.deadline }).where('directive_id', '=', data.directiveId).execute();
    await scheduleDeadline(ctx, data.directiveId, data.deadline);
  },
  DirectiveWithdrawn: async (ctx, { data }: Data<DirectiveWithdrawn>) => {
    if (data.issuerNode !== ctx.node.code) return;
    await ctx.trx.updateTable('directive_refs').set({ withdrawn: true }).where('directive_id', '=', data.directiveId).execute();
  },
};

/** The node's own directives to its subtree (指令): their deadlines are reminded to its officers. */
@Reaction()
@Injectable()
export class DirectivesIntake extends IntakeReaction {
  constructor(deps: IntakeDeps) {
    super(deps, 'notify.intake-directives', subtreeContextFilter(deps.node, 'stations', 'directive'), DIRECTIVE_HANDLERS);
  }
}

/** The direct child of `node` whose subtree holds `code`. */
function directChild(node: string, code: string): string {
  return code.slice(0, node.length + 2);
}

/** A direct child received (or acknowledged) one of this node's directives; grandchildren answer to their own parent. */
async function noteChild(ctx: IntakeContext, directiveId: string, nodeCode: string, acknowledged: boolean): Promise<void> {
  if (directChild(ctx.node.code, nodeCode) !== nodeCode) return;
  await ctx.trx
    .insertInto('directive_children')
    .values({ directive_id: directiveId, child: nodeCode, acknowledged })
    .onConflict((oc) => oc.columns(['directive_id', 'child']).doUpdateSet({ acknowledged: sql<boolean>`directive_children.acknowledged or excluded.acknowledged` }))
    .execute();
}

const RECEIPT_HANDLERS: Record<string, IntakeHandler> = {
  DirectiveReceived: async (ctx, { data }: Data<DirectiveReceived>) => {
    if (data.nodeCode === ctx.node.code) {
      await ctx.tell({
        kind: 'directive_received', recipient: { kind: 'node_stations', id: ctx.node.code }, sms: false,
        params: { issuerName: divisionName(data.issuerNode) ?? data.issuerNode }, link: consolePages.receivedDirectives(),
      });
    } else if (data.issuerNode === ctx.node.code) {
      await noteChild(ctx, data.directiveId, data.nodeCode, false);
    }
  },
  DirectiveAcknowledged: async (ctx, { data }: Data<DirectiveAcknowledged>) => {
    if (data.issuerNode === ctx.node.code) await noteChild(ctx, data.directiveId, data.nodeCode, true);
  },
};

/**
 * Receipts of directives in the node's subtree: the node's own (its station managers are told)
 * and its children's (acknowledgements the issuer's deadline reminder counts).
 */
@Reaction()
@Injectable()
export class ReceiptsIntake extends IntakeReaction {
  constructor(deps: IntakeDeps) {
    super(deps, 'notify.intake-receipts', subtreeContextFilter(deps.node, 'stations', 'directive-receipt'), RECEIPT_HANDLERS);
  }
}
