import { ref, type Ref } from 'vue';
import { showError } from './form';

/**
 * A table paged on the server by keyset cursors (`{ items, next }`): the cursors of the pages seen
 * are kept, so 上一页 goes back without the server knowing page numbers.
 */
export function useKeysetPages<T>(load: (after: string | undefined) => Promise<{ items: T[]; next?: string | null }>) {
  const items = ref([]) as Ref<T[]>;
  const loading = ref(false);
  const cursors = ref<Array<string | undefined>>([undefined]);
  const next = ref<string | null>(null);

  async function show(index: number) {
    loading.value = true;
    try {
      const page = await load(cursors.value[index]);
      items.value = page.items;
      next.value = page.next ?? null;
      cursors.value = cursors.value.slice(0, index + 1);
    } catch (error) {
      showError(error);
    } finally {
      loading.value = false;
    }
  }

  return {
    items,
    loading,
    page: () => cursors.value.length,
    hasNext: () => next.value !== null,
    first: () => show(0),
    reload: () => show(cursors.value.length - 1),
    forward: async () => {
      if (next.value === null) return;
      cursors.value.push(next.value);
      await show(cursors.value.length - 1);
    },
    back: () => show(Math.max(0, cursors.value.length - 2)),
  };
}
