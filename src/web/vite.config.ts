import path from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const here = path.dirname(fileURLToPath(import.meta.url))

// The web app is built into dist/web and served by Parley's own server; in development,
// `npx vite --config src/web/vite.config.ts` proxies /api to a server started with `npm run dev`.
export default defineConfig({
  root: here,
  plugins: [react()],
  build: { outDir: path.resolve(here, '../../dist/web'), emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': `http://127.0.0.1:${process.env.PARLEY_PORT ?? 4280}` } },
})
