import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Figures only, never part of the unit run: `npx vitest run --config tests/measure/vitest.config.ts`.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/measure/**/*.measure.ts'],
    environment: 'node',
    testTimeout: 1_800_000,
    hookTimeout: 120_000,
  },
});
