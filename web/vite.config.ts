import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const serverDir = fileURLToPath(new URL('../server/', import.meta.url));
const sharedDir = fileURLToPath(new URL('../server/shared/', import.meta.url));

/**
 * The bundle may carry the modules the server shares (server/shared) and nothing else of the server:
 * a build that would bundle another server module fails, naming it (lint catches the import first).
 */
const onlySharedServerModules: Plugin = {
  name: 'backboard:only-shared-server-modules',
  load(id) {
    if (id.startsWith(serverDir) && !id.startsWith(sharedDir)) {
      this.error(`The web bundle must not contain the server module ${id.slice(serverDir.length - 7)}`);
    }
    return null;
  },
};
const apiTarget = 'http://127.0.0.1:3000';

export default defineConfig({
  root: webRoot,
  plugins: [svelte(), onlySharedServerModules],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/health': apiTarget,
      '/docs': apiTarget,
    },
  },
});
