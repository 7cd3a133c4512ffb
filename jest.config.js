// One jest run for every kind of test; the file suffix says what a test needs:
// .spec.ts (pure), .int.spec.ts (real Postgres / NATS), .e2e.spec.ts (built processes over HTTP).
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

// Node 20 require()s ES modules natively; jest's module runtime (below Node 24.9) does not. Every
// node_modules file written as ESM is compiled to CommonJS (cached); CommonJS files pass as they are.

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/tools'],
  testRegex: '\\.spec\\.ts$',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    '/node_modules/.+\\.m?js$': '<rootDir>/libs/testing/src/esm-transformer.js',
  },
  transformIgnorePatterns: [],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
