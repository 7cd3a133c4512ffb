import { createPinia } from 'pinia';
import { createApp } from 'vue';
// ElMessage / ElMessageBox are called, not written in templates: their styles are imported here.
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import App from './App.vue';
import { userManager } from './lib/auth';
import { useSession } from './lib/session';
import { router } from './router';
import './styles.css';

const pinia = createPinia();
const app = createApp(App).use(pinia);
const session = useSession(pinia);
userManager.events.addUserLoaded((user) => session.set(user));
userManager.events.addUserUnloaded(() => session.set(undefined));
userManager.events.addSilentRenewError(() => session.set(undefined));
void session.load().then(() => app.use(router).mount('#app'));
