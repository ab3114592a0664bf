import { createApp } from 'vue';
import { createRouter, createWebHistory } from 'vue-router';
import { createLowlight } from '@lowlight/vue';
import App from './App.vue';
import Orders from './Orders.vue';
import Contact from './Contact.vue';

const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: Orders, meta: { title: 'Orders' } },
    { path: '/contact', component: Contact, meta: { title: 'Contact' } },
  ],
});
// Set in the same tick as the URL, so the recorder's navigation pageview carries the route's title.
router.afterEach((to) => {
  document.title = `${String(to.meta.title)} · Lowlight Vue example`;
});

// The example's server forwards `/lowlight` to the local Lowlight server; in your app, use your project's ingest URL.
const endpoint = new URL('/lowlight', location.href).href;

createApp(App)
  .use(router)
  .use(createLowlight({ options: { endpoint, flushIntervalMs: 1000 } }))
  .mount('#app');
