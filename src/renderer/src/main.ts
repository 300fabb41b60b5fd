import { createApp } from 'vue';
import App from './App.vue';
import { installWebApiIfMissing } from './api/ws-client.ts';
import { createStore, STORE_KEY } from './store/store.ts';
import './styles/app.css';

// Electron's preload provides window.clusterbench; in a browser tab the web host's WebSocket does.
installWebApiIfMissing();

const store = createStore();
createApp(App).provide(STORE_KEY, store).mount('#app');
void store.init();
