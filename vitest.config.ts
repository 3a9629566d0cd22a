import { defineConfig } from 'vitest/config';

// The unit tests run the engines under Node with their Node builds, so this config leaves out
// the Solid plugin, which would resolve packages to their browser builds in test mode.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
