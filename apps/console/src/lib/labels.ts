import { computed, ref, type ComputedRef } from 'vue';
import { api } from './api';

/**
 * The Chinese names of the codes, from the services that own them (`GET /labels`: stations'
 * occupations, facilities, statuses, standards …; wishes' categories and statuses; jobs'
 * categories, pay modes, statuses …; membership's union kinds, application and member
 * statuses …; dispatch's task, invitation and shift statuses, volunteer types and skills;
 * notify's recipient kinds; identity's roles and account statuses), each asked once; a failed answer is asked again RETRY_MS later,
 * so a code shown while the names load never stays.
 */
type LabelService = 'stations' | 'wishes' | 'jobs' | 'membership' | 'dispatch' | 'notify' | 'identity';
type Pairs = Array<{ code: string; label: string }>;
const labels = ref<Record<string, Record<string, string>>>({});
const asked = new Map<LabelService, Promise<void>>();
const RETRY_MS = 10_000;

function ask(service: LabelService): void {
  if (!asked.has(service)) {
    asked.set(
      service,
      api<Record<string, Pairs>>(service, '/labels')
        .then((answer) => {
          const named = Object.entries(answer).map(([kind, pairs]) => [`${service}.${kind}`, Object.fromEntries(pairs.map((p) => [p.code, p.label]))]);
          labels.value = { ...labels.value, ...Object.fromEntries(named) };
        })
        .catch(() => {
          asked.delete(service);
          setTimeout(() => ask(service), RETRY_MS);
        }),
    );
  }
}

/** The name of one code of `service` (its code until the names are in; — for none). */
export function labelOf(service: LabelService, kind: string, code: string | null | undefined): string {
  ask(service);
  return code ? (labels.value[`${service}.${kind}`]?.[code] ?? code) : '—';
}

export function useLabels(service: LabelService = 'stations') {
  ask(service);
  return (kind: string, code: string | null | undefined) => labelOf(service, kind, code);
}

/** The codes of one kind with their names, in the service's order: a form's choices (empty until the answer comes). */
export function useLabelOptions(kind: string, service: LabelService = 'stations'): ComputedRef<Pairs> {
  ask(service);
  return computed(() => Object.entries(labels.value[`${service}.${kind}`] ?? {}).map(([code, label]) => ({ code, label })));
}

export const formatTime = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }) : '—';

/** A wait in seconds as people say it: 3 分钟, 5 小时, 2 天. */
export function formatAge(seconds: number): string {
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} 分钟`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} 小时`;
  return `${Math.round(seconds / 86_400)} 天`;
}

/** A record's number as people read it: the end of its UUID (v7 ids share their first, time-ordered digits). */
export const shortId = (id: string) => id.slice(-8);
