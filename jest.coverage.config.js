// Coverage run: `node --experimental-vm-modules node_modules/jest/bin/jest.js -c jest.coverage.config.js`.
// The same tests as jest.config.js, measuring src/ (generated model and the dev-only demo excluded).
// Thresholds are the floors measured on the core folders; see the note in docs/benchmarks.md ("## Core").
import base from './jest.config.js';

/** @type {import('jest').Config} */
export default {
  ...base,
  collectCoverage: true,
  collectCoverageFrom: [
    'src/**/*.ts',
    '!src/local/model/*.generated.json',

    '!src/local/demo.ts',
    '!src/**/*.d.ts',
  ],
  coverageReporters: ['text-summary', 'json-summary'],
  coverageDirectory: '.coverage',
  coverageProvider: 'v8',
  coverageThreshold: {
    './src/event/': { lines: 95, branches: 95 },
    './src/decision/': { lines: 95, branches: 95 },
    './src/callback/': { lines: 95, branches: 95 },
    './src/middleware/': { lines: 95, branches: 95 },
  },
};
