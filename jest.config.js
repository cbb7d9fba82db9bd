import { existsSync } from 'node:fs';

// processors/ holds a user's own processors and tests in a clone (docs/testing.md); it may not exist.
const roots = ['test', 'examples', 'processors'].filter((dir) => existsSync(new URL(dir, import.meta.url)));

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: roots.map((dir) => `<rootDir>/${dir}`),
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { target: 'es2023', parser: { syntax: 'typescript' }, experimental: { keepImportAttributes: true } },
        module: { type: 'es6' },
      },
    ],
  },
  // Source imports use NodeNext `.js` suffixes; map them back to the .ts files.
  // Examples import the package by name, as users do; point it at the sources.
  moduleNameMapper: {
    '^chime-channel-flow$': '<rootDir>/src/index.ts',
    '^chime-channel-flow/(.*)$': '<rootDir>/src/$1/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testTimeout: 20000,
  maxWorkers: 2,
};
