import { computed, onUnmounted, ref } from 'vue';

/** The seconds until an SMS code may be asked for again (the services allow one a minute). */
export function useCodeCountdown(seconds = 60) {
  const wait = ref(0);
  const sent = ref(false);
  let timer: ReturnType<typeof setInterval> | undefined;
  onUnmounted(() => clearInterval(timer));
  function started() {
    sent.value = true;
    wait.value = seconds;
    clearInterval(timer);
    timer = setInterval(() => {
      wait.value -= 1;
      if (wait.value <= 0) clearInterval(timer);
    }, 1000);
  }
  const label = computed(() => (wait.value > 0 ? `${wait.value} 秒后可重发` : sent.value ? '重新获取' : '获取验证码'));
  return { wait, sent, started, label };
}
