/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { ivrFlowSchema } from './build/ivrFlowSchema.ts';

// The API listens on 127.0.0.1:3000 in development (`dotnet run`); the SPA talks to it on the same origin through
// this proxy, so the HttpOnly session cookie works exactly as in production, where the API serves `dist/` itself.
const api = process.env.BOTPBX_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), ivrFlowSchema()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/openapi': { target: api, changeOrigin: false },
      '/hubs': { target: api, changeOrigin: false, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    // The build runs on small, shared machines where plugin timing reports are noise, not a signal.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    setupFiles: ['src/test/setup.ts'],
    testTimeout: 20_000,
    // A shared 2-core machine: a couple of workers are plenty for these tests.
    maxWorkers: 2,
  },
});
