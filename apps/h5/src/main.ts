import { createApp } from 'vue';
import App from './App.vue';
import { flushCheckins, pendingCheckins } from './lib/checkin-queue';
import { router } from './router';
import './styles.css';

createApp(App).use(router).mount('#app');

// Check-ins kept on the phone without a signal go out as soon as it is back, at every start, and
// every half minute while some wait (a phone does not always say when the signal returns).
window.addEventListener('online', () => void flushCheckins());
void flushCheckins();
setInterval(() => {
  if (pendingCheckins().length > 0) void flushCheckins();
}, 30_000);
