// Builds the bare baseline page of `npm run bench` (bench/page/) into dist-bench/.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'bench/page',
  base: './',
  build: { outDir: '../../dist-bench', emptyOutDir: true, target: 'es2022', rollupOptions: { input: { index: 'bench/page/index.html', blank: 'bench/page/blank.html' } } },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['pyodide', '@jitl/quickjs-wasmfile-release-sync'] },
  logLevel: 'warn',
});
