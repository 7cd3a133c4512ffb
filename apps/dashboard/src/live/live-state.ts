import { divisionName, NO_LEVEL, NodeRef, shanghaiDayAndHour } from '@ws/contracts';
import { contextLabel, eventLabel } from './event-labels';
import type { ObservedEvent } from './observed-event';

export interface FeedEntry {
  seq: number;
  occurredAt: string;
  type: string;
  label: string;
  context: string;
  contextLabel: string;
  /** The node that recorded the event and its Chinese name. */
  node: string;
  nodeName: string;
  /** Visits carried by a VisitsRecorded event. */
  visits?: number;
}

export interface ChildFigures {
  code: string;
  name: string;
  events: number;
  visits: number;
}

/** What the page shows live; sent whole over SSE (it is small). */
export interface LiveSnapshot {
  node: { code: string; name: string; level: NodeRef['level'] };
  day: string;
  todayVisits: number;
  todayEvents: number;
  visitsByOccupation: Array<{ key: string; visits: number }>;
  visitsByHour: number[];
  /** Per child node (by the subject's node tokens); the node's own events are under its own code. */
  children: ChildFigures[];
  contexts: Array<{ context: string; label: string; events: number }>;
  latest: FeedEntry[];
  lastSeq: number;
  generatedAt: string;
}

interface DayTotals {
  visits: number;
  events: number;
  visitsByOccupation: Map<string, number>;
  visitsByHour: number[];
  children: Map<string, { events: number; visits: number }>;
  contexts: Map<string, number>;
}

interface RecordedVisit {
  at?: unknown;
  occupation?: unknown;
}

const VISITS_EVENT = 'VisitsRecorded';
const DAYS_KEPT = 2;

function emptyDay(): DayTotals {
  return { visits: 0, events: 0, visitsByOccupation: new Map(), visitsByHour: new Array<number>(24).fill(0), children: new Map(), contexts: new Map() };
}

function recordedVisits(data: unknown): RecordedVisit[] {
  const visits = (data as { visits?: unknown } | null | undefined)?.visits;
  return Array.isArray(visits) ? (visits as RecordedVisit[]) : [];
}

function shanghaiDay(value: unknown, fallback: Date): { day: string; hour: number } {
  const parsed = typeof value === 'string' ? new Date(value) : fallback;
  return shanghaiDayAndHour(Number.isNaN(parsed.getTime()) ? fallback : parsed);
}

/**
 * Live counters of one node's subtree, folded from its EVT stream: today's visits and events
 * (Asia/Shanghai days), per child node and per context, and the latest events. Pure: the
 * caller feeds events and says what time it is.
 */
export class LiveState {
  private readonly days = new Map<string, DayTotals>();
  private latest: FeedEntry[] = [];
  private lastSeq = 0;

  constructor(
    private readonly node: NodeRef,
    private readonly feedSize = 30,
  ) {}

  get position(): number {
    return this.lastSeq;
  }

  apply(event: ObservedEvent): void {
    if (event.seq <= this.lastSeq) return; // a redelivery after a reconnect
    this.lastSeq = event.seq;
    const occurredAt = new Date(event.occurredAt);
    const eventDay = this.day(shanghaiDay(event.occurredAt, new Date()).day);
    const child = this.childOf(event);
    const childTotals = this.childTotals(eventDay, child);
    eventDay.events += 1;
    childTotals.events += 1;
    eventDay.contexts.set(event.subject.context, (eventDay.contexts.get(event.subject.context) ?? 0) + 1);

    let visitCount: number | undefined;
    if (event.subject.type === VISITS_EVENT) {
      const visits = recordedVisits(event.data);
      visitCount = visits.length;
      for (const visit of visits) {
        const { day, hour } = shanghaiDay(visit.at, occurredAt);
        const totals = this.day(day);
        const occupation = typeof visit.occupation === 'string' ? visit.occupation : 'other';
        totals.visits += 1;
        totals.visitsByHour[hour] = (totals.visitsByHour[hour] ?? 0) + 1;
        totals.visitsByOccupation.set(occupation, (totals.visitsByOccupation.get(occupation) ?? 0) + 1);
        this.childTotals(totals, child).visits += 1;
      }
    }

    const source = this.sourceNode(event);
    this.latest.unshift({
      seq: event.seq,
      occurredAt: event.occurredAt,
      type: event.subject.type,
      label: eventLabel(event.subject.type),
      context: event.subject.context,
      contextLabel: contextLabel(event.subject.context),
      node: source,
      nodeName: this.nameOf(source),
      ...(visitCount !== undefined ? { visits: visitCount } : {}),
    });
    if (this.latest.length > this.feedSize) this.latest.length = this.feedSize;
  }

  snapshot(now: Date): LiveSnapshot {
    const { day } = shanghaiDayAndHour(now);
    this.prune(day);
    const today = this.days.get(day) ?? emptyDay();
    return {
      node: { code: this.node.code, name: this.nameOf(this.node.code), level: this.node.level },
      day,
      todayVisits: today.visits,
      todayEvents: today.events,
      visitsByOccupation: [...today.visitsByOccupation].map(([key, visits]) => ({ key, visits })).sort((a, b) => b.visits - a.visits),
      visitsByHour: [...today.visitsByHour],
      children: [...today.children]
        .map(([code, figures]) => ({ code, name: code === this.node.code ? '本级' : this.nameOf(code), ...figures }))
        .sort((a, b) => b.visits - a.visits || b.events - a.events || a.code.localeCompare(b.code)),
      contexts: [...today.contexts]
        .map(([context, events]) => ({ context, label: contextLabel(context), events }))
        .sort((a, b) => b.events - a.events),
      latest: [...this.latest],
      lastSeq: this.lastSeq,
      generatedAt: now.toISOString(),
    };
  }

  /** The child node an event belongs to, from the subject token one level below this node. */
  private childOf(event: ObservedEvent): string {
    const { city, district } = event.subject;
    switch (this.node.level) {
      case 'province':
        return city === NO_LEVEL ? this.node.code : city;
      case 'city':
        return district === NO_LEVEL ? this.node.code : district;
      case 'district':
        return this.node.code;
    }
  }

  private sourceNode(event: ObservedEvent): string {
    const { province, city, district } = event.subject;
    return district !== NO_LEVEL ? district : city !== NO_LEVEL ? city : province;
  }

  private nameOf(code: string): string {
    return divisionName(code) ?? code;
  }

  private day(day: string): DayTotals {
    let totals = this.days.get(day);
    if (!totals) {
      totals = emptyDay();
      this.days.set(day, totals);
    }
    return totals;
  }

  private childTotals(day: DayTotals, child: string): { events: number; visits: number } {
    let totals = day.children.get(child);
    if (!totals) {
      totals = { events: 0, visits: 0 };
      day.children.set(child, totals);
    }
    return totals;
  }

  /** Keeps today and yesterday (late uploads); older days can no longer be shown. */
  private prune(today: string): void {
    const days = [...this.days.keys()].sort();
    const keep = new Set(days.filter((d) => d <= today).slice(-DAYS_KEPT).concat(days.filter((d) => d > today)));
    for (const day of days) if (!keep.has(day)) this.days.delete(day);
  }
}
