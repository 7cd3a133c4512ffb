import { ref, type Ref } from 'vue';
import { readUntil } from '../../../../libs/kernel/src/read-until';
import { showError } from './form';

export { readUntil };

/**
 * A list a service answers whole from a read model (a catalogue, a tree): loaded, and after a
 * write read again until it shows the write.
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

  const reloadUntil = (seen: () => boolean) => readUntil(load, seen);

  return { data, loading, load, reloadUntil };
}
