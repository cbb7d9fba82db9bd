// `npm test` runs jest with this file: the tests of jest.config.js, measuring src/ (the dev-only demo
// excluded; the generated API models are JSON, which coverage does not count).
import base from './jest.config.js';

/** @type {import('jest').Config} */
export default {
  ...base,
  collectCoverage: true,
  collectCoverageFrom: ['src/**/*.ts', '!src/local/demo.ts', '!src/**/*.d.ts'],
  coverageReporters: ['text-summary', 'json-summary'],
  coverageDirectory: '.coverage',
  coverageProvider: 'v8',
  // Floors a little under what the suite measures, so a drop fails `npm test`: whole src/ 99.3% lines and
  // 98.3% branches; the core folders at 95% or more of both.
  coverageThreshold: {
    global: { lines: 98, branches: 97 },
    './src/event/': { lines: 95, branches: 95 },
    './src/decision/': { lines: 95, branches: 95 },
    './src/callback/': { lines: 95, branches: 95 },
    './src/middleware/': { lines: 95, branches: 95 },
  },
};
