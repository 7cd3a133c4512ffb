// The import rules of the house (docs/ARCHITECTURE.md, "Who may import what"), checked by
// `npm run lint:deps` inside `npm test`. Paths are relative to the repository root.

/** What an app does not ship: specs, the test helpers beside them, its Vite build configuration. */
const NOT_SHIPPED = '(\\.spec\\.ts$|/testing/|/vite\\.config\\.mts$)';

module.exports = {
  forbidden: [
    {
      name: 'no-cross-service',
      comment: 'A service (apps/<x>) never imports another service: libs/contracts is the only coupling.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'nats-only-in-messaging',
      comment:
        'Only libs/messaging talks to nats.js. Test code reaches NATS through libs/testing/src/nats.ts, ' +
        'the one documented exception (tests publish raw messages and inspect streams).',
      severity: 'error',
      from: { pathNot: '^libs/(messaging|testing)/' },
      to: { path: '(^|/)node_modules/@nats-io/' },
    },
    {
      name: 'shipped-apps-not-tools',
      comment: 'A shipped app never imports tools/ (the launcher, demo and deploy scripts).',
      severity: 'error',
      from: { path: '^apps/', pathNot: NOT_SHIPPED },
      to: { path: '^tools/' },
    },
    {
      name: 'libs-not-apps',
      comment: 'Libs stack below the apps: no lib imports an app.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mts', '.js', '.mjs', '.cjs', '.vue', '.json', '.d.ts'],
    },
  },
};
