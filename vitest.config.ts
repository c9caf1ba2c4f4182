import { defineConfig } from 'vitest/config';

/**
 * Suites (README, Testing):
 * - unit: pure rules, no database
 * - db-embedded / db-external: services and routes on a real PostgreSQL, the same files on both
 * - e2e: journeys in Chromium against a real server
 * `npm test` (scripts/test.mjs) chooses which run and says what it skipped.
 */
const dbTests = ['src/**/service.test.ts', 'src/**/routes.test.ts', 'src/**/*.db.test.ts', 'tests/db/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          exclude: dbTests,
          environment: 'node',
        },
      },
      {
        test: {
          name: 'db-embedded',
          include: dbTests,
          globalSetup: ['src/server/testing/embedded-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'db-external',
          include: dbTests,
          globalSetup: ['src/server/testing/external-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.spec.ts'],
          globalSetup: ['src/server/testing/embedded-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
