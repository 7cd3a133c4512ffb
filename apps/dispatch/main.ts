// `node dist/apps/dispatch/main.js`: the entry the launcher, the Dockerfile and the e2e tests use.
// tsc keeps the source layout (dist/apps/dispatch/src/main.js), so this file points there.
import './src/main';
