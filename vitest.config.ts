import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // .ci/run reads its closing line from the JSON report, not from the console summary.
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
    env: { LOG_LEVEL: 'silent' },
    // Every test's log lines are scanned for tokens (tests/helpers/log-guard.ts).
    setupFiles: ['tests/helpers/log-guard.ts'],
  },
});
