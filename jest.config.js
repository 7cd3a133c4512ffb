// One jest run for every kind of test; the file suffix says what a test needs: unit .spec.ts
// (pure), .int.spec.ts (real Postgres / NATS), .e2e.spec.ts (built processes over HTTP),
// .browser.spec.ts (built node in headless Chromium). `npx jest` (npm test) runs them all;
// `npm run test:unit` (test:int, test:e2e, test:browser) one kind by its suffix. One config, not
// jest projects: ts-jest caches its output per config, so four projects compiled the shared libs
// four times (a fresh clone's suite took several times as long).
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

// Node 20 require()s ES modules natively; jest's module runtime (below Node 24.9) does not. Every
// node_modules file written as ESM is compiled to CommonJS (cached); CommonJS files pass as they are.
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/tools'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    '/node_modules/.+\\.m?js$': '<rootDir>/libs/testing/src/esm-transformer.js',
  },
  transformIgnorePatterns: [],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testRegex: '\\.spec\\.ts$',
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
