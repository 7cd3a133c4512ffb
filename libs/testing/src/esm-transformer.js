// Jest (below Node 24.9) cannot require() ES modules; Node 20 can. This compiles the ESM-only
// packages of node_modules to CommonJS for specs. `import.meta` has no CommonJS form in
// TypeScript's output, so its few uses are rewritten to the CommonJS equivalents first, and a
// module's own `const require = createRequire(...)` is renamed: in CommonJS it would clash with
// the module wrapper's `require`.
const { createHash } = require('node:crypto');
const ts = require('typescript');

const IMPORT_META = [
  [/\bimport\.meta\.url\b/g, "require('node:url').pathToFileURL(__filename).href"],
  [/\bimport\.meta\.dirname\b/g, '__dirname'],
  [/\bimport\.meta\.filename\b/g, '__filename'],
  [/\bimport\.meta\.resolve\b/g, 'require.resolve'],
];

const COMPILER_OPTIONS = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  allowJs: true,
  esModuleInterop: true,
};

/** A module statement at the start of a line: CommonJS files never have one. */
const ESM_SYNTAX = /^\s*(import\s*[\w{*'"]|export\s+(\{|\*|default|const|let|var|function|class|async))/m;

const LOCAL_REQUIRE_DECLARATION = /\b(const|let|var)\s+require\b/;
const LOCAL_REQUIRE_USE = /(?<![\w$.])require(?=\s*[(.=])/g;

module.exports = {
  process(source, filename) {
    if (!ESM_SYNTAX.test(source)) return { code: source };
    const ownRequireRenamed = LOCAL_REQUIRE_DECLARATION.test(source) ? source.replace(LOCAL_REQUIRE_USE, '__esmRequire') : source;
    const esm = IMPORT_META.reduce((code, [pattern, replacement]) => code.replace(pattern, replacement), ownRequireRenamed);
    const { outputText } = ts.transpileModule(esm, { fileName: filename, compilerOptions: COMPILER_OPTIONS });
    return { code: outputText };
  },
  getCacheKey(source, filename) {
    return createHash('sha1').update(`esm-transformer-4\0${ts.version}\0${filename}\0${source}`).digest('hex');
  },
};
