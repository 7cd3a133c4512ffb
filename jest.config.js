// Every kind of test, one jest project each; the file suffix says what a test needs:
// unit .spec.ts (pure), int .int.spec.ts (real Postgres / NATS), e2e .e2e.spec.ts (built processes
// over HTTP), browser .browser.spec.ts (built node in headless Chromium). `npx jest` (npm test) runs
// them all; `npm run test:unit` (test:int, test:e2e, test:browser) one kind: --selectProjects.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

// Node 20 require()s ES modules natively; jest's module runtime (below Node 24.9) does not. Every
// node_modules file written as ESM is compiled to CommonJS (cached); CommonJS files pass as they are.
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/tools'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    '/node_modules/.+\\.m?js$': '<rootDir>/libs/testing/src/esm-transformer.js',
  },
  transformIgnorePatterns: [],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
};

const kinds = ['int', 'e2e', 'browser'];

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testRegex: '\\.spec\\.ts$', testPathIgnorePatterns: ['/node_modules/', `\\.(${kinds.join('|')})\\.spec\\.ts$`] },
    ...kinds.map((kind) => ({ ...shared, displayName: kind, testRegex: `\\.${kind}\\.spec\\.ts$` })),
  ],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  // Global options: jest reads them here, not per project.
  testTimeout: 60000,
  maxWorkers: 2,
};
