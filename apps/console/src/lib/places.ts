import { ref } from 'vue';
import { api } from './api';

/**
 * Names of the places below the node as the services group their figures (a street code, a
 * district or city code): the node's streets from stations, its child nodes and the divisions
 * below it (a province's districts too) from the front. A code neither knows stays a code.
 */
export function usePlaceNames() {
  const names = ref<Record<string, string>>({});
  void Promise.allSettled([
    api<{ items: Array<{ code: string; name: string }> }>('stations', '/streets').then((answer) => answer.items),
    api<{ children: Array<{ code: string; name: string }>; places: Array<{ code: string; name: string }> }>('nodes', '').then((answer) => [...answer.places, ...answer.children]),
  ]).then((answers) => {
    for (const answer of answers) if (answer.status === 'fulfilled') for (const place of answer.value) names.value[place.code] = place.name;
  });
  return (code: string) => names.value[code] ?? code;
}

/** A share (0–1) as people read it: 83.3%. */
export const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
