import { Inject, Injectable, Logger } from '@nestjs/common';
import { REPORT_FIGURE_SERVICES, reportFiguresSubject } from '@ws/contracts';
import type { ReportFigureService, ReportFiguresByService, ReportFiguresReply, ReportFiguresRequest } from '@ws/contracts';
import { requestReply, RequestUnanswered, type BusConnection } from '@ws/messaging';
import { NATS, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';

/** How long a report waits for another service's figures. */
const REQUEST_TIMEOUT_MS = 5_000;

/** What the other services answered for a period: each service's figures, or null when it did not answer. */
export type ServiceFigures = { [S in ReportFigureService]: ReportFiguresByService[S] | null };

/**
 * Asks the node's membership, wishes and dispatch services for their figures of a period (the
 * core-NATS request each answers on `report.<node>.<service>.figures`). A service that is down
 * leaves its figures null, and the report says which are missing rather than print a zero.
 */
@Injectable()
export class ReportSources {
  private readonly log = new Logger('ReportSources');

  constructor(
    @Inject(NATS) private readonly nc: BusConnection,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async figures(period: ReportFiguresRequest): Promise<ServiceFigures> {
    const answers = await Promise.all(REPORT_FIGURE_SERVICES.map((service) => this.ask(service, period)));
    return Object.fromEntries(REPORT_FIGURE_SERVICES.map((service, i) => [service, answers[i]])) as ServiceFigures;
  }

  /**
   * Members who joined from `from` to `to` per direct child of the node (membership's byChild
   * figures, the node's own unions under its own code), or null when membership did not answer.
   */
  async membersJoinedByChild(from: string, to: string): Promise<Map<string, number> | null> {
    const figures = await this.ask('membership', { from, to, byChild: true });
    return figures && new Map((figures.byChild ?? []).map((c) => [c.node, c.membersJoined]));
  }

  private async ask<S extends ReportFigureService>(service: S, period: ReportFiguresRequest): Promise<ReportFiguresByService[S] | null> {
    const subject = reportFiguresSubject(this.config.node.code, service);
    try {
      const request: ReportFiguresRequest = { from: period.from, to: period.to, ...(period.byChild ? { byChild: true } : {}) };
      const reply = await requestReply<ReportFiguresRequest, ReportFiguresReply<S>>(this.nc, subject, request, REQUEST_TIMEOUT_MS);
      if ('error' in reply) {
        this.log.warn(`${service} refused the report figures: ${reply.error.code}`);
        return null;
      }
      return reply.figures;
    } catch (error) {
      if (!(error instanceof RequestUnanswered)) throw error;
      this.log.warn(`${service} did not answer the report figures (${error.reason})`);
      return null;
    }
  }
}
