import { computed, ref, type ComputedRef } from 'vue';
import { api, type Label } from './api';

/**
 * The Chinese names of the codes, from the services that own them (`GET /labels`: stations'
 * occupations, facilities, kinds …; wishes' categories; jobs' categories, pay modes, statuses …;
 * dispatch's statuses as a volunteer reads them; notify's channels), each asked once per page
 * load and kept here. A failed answer is asked again RETRY_MS later, so a code shown while the
 * names load never stays. Not for the landing page's first screen: it gets its names inside the
 * station's card (bench:h5).
 */
export type LabelService = 'stations' | 'wishes' | 'jobs' | 'dispatch' | 'notify';
const RETRY_MS = 10_000;
const names = ref<Record<string, Record<string, string>>>({});
const pending = new Map<LabelService, Promise<void>>();

/** Asks `service` for its names unless it has answered or is answering; rejects when it cannot (the caller may say so). */
export function loadLabels(service: LabelService): Promise<void> {
  let asking = pending.get(service);
  if (!asking) {
    asking = api<Record<string, Label[]>>(service, '/labels').then((answer) => {
      const byKind = Object.entries(answer).map(([kind, pairs]) => [`${service}.${kind}`, Object.fromEntries(pairs.map((p) => [p.code, p.label]))]);
      names.value = { ...names.value, ...Object.fromEntries(byKind) };
    });
    pending.set(service, asking);
    asking.catch(() => {
      pending.delete(service);
      setTimeout(() => void loadLabels(service).catch(() => undefined), RETRY_MS);
    });
  }
  return asking;
}

/** The name of one code of `service`: the code itself until the names are in (or when the service does not know it). */
export function labelOf(service: LabelService, kind: string, code: string): string {
  void loadLabels(service).catch(() => undefined);
  return names.value[`${service}.${kind}`]?.[code] ?? code;
}

/** The codes of one kind with their names, in the service's order: a form's choices (empty until the answer comes). */
export function useLabelOptions<Code extends string = string>(kind: string, service: LabelService): ComputedRef<Array<{ code: Code; label: string }>> {
  void loadLabels(service).catch(() => undefined);
  return computed(() => Object.entries(names.value[`${service}.${kind}`] ?? {}).map(([code, label]) => ({ code: code as Code, label })));
}
