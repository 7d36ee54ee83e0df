import * as path from 'node:path';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

/** Shared Vite settings for the React apps: the contracts alias and output under dist/apps/<name>. */
export function reactAppConfig(app: 'studio' | 'viewer', base: string): UserConfig {
  const root = path.join(import.meta.dirname, 'apps', app);
  return {
    root,
    base,
    plugins: [react({})],
    resolve: {
      alias: {
        '@livelab/contracts': path.join(import.meta.dirname, 'libs/contracts/src/index.ts'),
        '@livelab/engagement': path.join(import.meta.dirname, 'libs/engagement/src/index.ts'),
        '@livelab/session': path.join(import.meta.dirname, 'libs/session/src/index.ts'),
        '@livelab/web': path.join(import.meta.dirname, 'libs/web/src/index.ts'),
      },
    },
    build: {
      outDir: path.join(import.meta.dirname, 'dist/apps', app),
      emptyOutDir: true,
      chunkSizeWarningLimit: 1500,
    },
    server: {
      proxy: { '/api': 'http://localhost:3000', '/socket.io': { target: 'ws://localhost:3000', ws: true } },
    },
  };
}
