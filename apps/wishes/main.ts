// `node dist/apps/wishes/main.js`: the entry the launcher, the Dockerfile and the e2e tests use.
// tsc keeps the source layout (dist/apps/wishes/src/main.js), so this file points there.
import './src/main';
