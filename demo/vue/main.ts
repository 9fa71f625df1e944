/** A Vue 3 app with <bookwell-widget> in its template. */
import { createApp } from 'vue';
import 'bookwell';
import App from './App.vue';

createApp(App).mount('#app');
