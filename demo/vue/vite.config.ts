/** The Vue 3 demo app, built by `npm run build` into dist/demo-vue and served at /demo/vue/. */
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { packageAliases } from '../package-aliases.ts';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/demo/vue/',
  // The tag is a custom element, not a Vue component Vue should look for.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('bookwell-') } } })],
  resolve: { alias: packageAliases },
  build: { outDir: fileURLToPath(new URL('../../dist/demo-vue', import.meta.url)), emptyOutDir: true, target: 'es2022', copyPublicDir: false },
  logLevel: 'warn',
});
