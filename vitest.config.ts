import { defineConfig } from 'vitest/config';

/**
 * Unit test files that touch process-wide state (signal handlers and their exit timers, the emulator's
 * module-level state, aws-sdk-client-mock's patching of the SDK clients' prototypes, which the files
 * with real SDK clients must never see): each runs in a fresh module graph. Every other unit file shares one per worker,
 * which cuts the unit run from about 75 s to about 40 s on a 2-core machine (importing the AWS SDK
 * once per worker instead of once per file).
 */
const ISOLATED = [
  'test/unit/main-cancel.test.ts',
  'test/unit/emulator/**/*.test.ts',
  'test/unit/aws/**/*.test.ts',
];

export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], exclude: ISOLATED, isolate: false },
      },
      { extends: true, test: { name: 'unit-isolated', include: ISOLATED } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // The bundle is built from src/ once per run (a stale dist/ cannot pass).
          globalSetup: ['test/e2e/global-setup.ts'],
          // End-to-end tests spawn the bundle and the emulator; give them room on a 2-core machine.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
