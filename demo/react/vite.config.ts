/** The React 19 demo app, built by `npm run build` into dist/demo-react and served at /demo/react/. */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { packageAliases } from '../package-aliases.ts';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/demo/react/',
  plugins: [react()],
  resolve: { alias: packageAliases },
  build: { outDir: fileURLToPath(new URL('../../dist/demo-react', import.meta.url)), emptyOutDir: true, target: 'es2022', copyPublicDir: false },
  logLevel: 'warn',
});
