import { ref, type Ref } from 'vue';
import { showError } from './form';

/**
 * A list a service answers whole from a read model (a catalogue, a tree): loaded, and after a
 * write read again until it shows the write — a read model shows it a moment after the service
 * answered.
 */
export function useReadModel<T>(fetch: () => Promise<T>, initial: T) {
  const data = ref(initial) as Ref<T>;
  const loading = ref(false);

  async function load() {
    loading.value = true;
    try {
      data.value = await fetch();
    } catch (error) {
      showError(error);
    } finally {
      loading.value = false;
    }
  }

  async function reloadUntil(seen: () => boolean) {
    for (let attempt = 0; attempt < 25; attempt++) {
      await load();
      if (seen()) return;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  return { data, loading, load, reloadUntil };
}
