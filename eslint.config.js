import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ml = ['@tensorflow/*', '@tensorflow/**', '@vladmandic/*'];

/** src/core's import rule, for a file `up` (../ or ../../) below src/. */
function pureCore(up) {
  return {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: [`${up}*`, `!${up}core`],
            message: 'src/core is pure: it imports nothing from the rest of the app.',
          },
          {
            group: [...ml, 'idb', 'react', 'react-dom', 'zustand', 'comlink'],
            message: 'src/core is pure.',
          },
        ],
      },
    ],
  };
}

/**
 * The layers run one way: ui → state → app → bridge → engine/matching/importer/analysis → codecs/storage → core. Each
 * folder may import values only from the folders listed for it (and itself); a type-only import
 * may reach any folder below, never one above. Nothing in src imports the tests or the scripts.
 */
const layers = {
  ui: {
    values: ['state', 'core'],
    types: ['app', 'bridge', 'engine', 'matching', 'importer', 'analysis', 'storage'],
  },
  state: {
    values: ['app', 'core'],
    types: ['bridge', 'engine', 'matching', 'importer', 'analysis', 'storage'],
  },
  // app reads image headers (codecs) for the export's EXIF orientation.
  app: {
    values: ['bridge', 'codecs', 'storage', 'core'],
    types: ['engine', 'matching', 'importer', 'analysis'],
  },
  bridge: {
    // engine/models is the models' table (pure data, type-only imports): the stores read defaults from it.
    values: ['core', 'worker-shared', 'engine/engine-protocol', 'engine/models', 'importer/import-protocol'],
    types: ['engine', 'matching', 'importer', 'analysis', 'storage'],
  },
  bench: { values: ['engine', 'codecs', 'storage', 'core', 'worker-shared'], types: [] },
  engine: { values: ['codecs', 'storage', 'core', 'worker-shared'], types: [] },
  matching: { values: ['storage', 'core', 'worker-shared'], types: [] },
  importer: { values: ['codecs', 'storage', 'core', 'worker-shared'], types: [] },
  analysis: { values: ['storage', 'core', 'worker-shared'], types: [] },
  // Image decoding (headers, PNG rows, inflate, libwebp, bitmaps, thumbnails), so that core holds the maths.
  codecs: { values: ['core'], types: [] },
  'worker-shared': { values: ['core'], types: [] },
  storage: { values: ['core'], types: [] },
};
const folders = [
  'ui',
  'state',
  'app',
  'bridge',
  'bench',
  'engine',
  'matching',
  'importer',
  'analysis',
  'codecs',
  'worker-shared',
  'storage',
  'core',
];
const outsideSrc = {
  regex: '^(\\.\\./)+(e2e|scripts|tools)(/|$)',
  message: 'Nothing in src imports the tests, the scripts or the tools.',
};
const uiLibraries = [
  { group: ml, message: 'UI code never touches tfjs: go through src/bridge.' },
  { group: ['idb'], message: 'UI code never touches IndexedDB directly: go through src/storage.' },
];

/**
 * The restricted imports of one folder (relative specifiers climbing to src/<target>); an allowed
 * file of a folder (engine/protocol) is left open.
 */
function restrictionsOf(folder) {
  const { values, types } = layers[folder];
  const open = (target) =>
    values.filter((v) => v.startsWith(`${target}/`)).map((v) => v.slice(target.length + 1));
  const patterns = [];
  for (const target of folders) {
    if (target === folder || values.includes(target)) continue;
    const message = `src/${folder} imports values from ${values.map((v) => `src/${v}`).join(', ')} only (the layers run ui → state → app → bridge → engine/matching/importer/analysis → codecs/storage → core).`;
    const except = open(target)
      .map((file) => `(?!${file}$)`)
      .join('');
    patterns.push({
      regex: `^(\\.\\./)+${target}(/${except}|$)`,
      message,
      caseSensitive: true,
      allowTypeImports: types.includes(target),
    });
  }
  return [...patterns, outsideSrc];
}

const layerRules = Object.keys(layers).map((folder) => ({
  files: [`src/${folder}/**/*.{ts,tsx}`],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [...restrictionsOf(folder), ...(folder === 'ui' || folder === 'state' ? uiLibraries : [])],
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: [
      'dist',
      'tools/model-eval/cache',
      'node_modules',
      'public',
      'test-results',
      'playwright-report',
      'dev-dist',
      'dist-bench',
      '.cache',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  // The pure core imports nothing from the rest of the app and no platform libraries.
  { files: ['src/core/*.ts'], rules: pureCore('../') },
  // The same for core's sub-folders (core/evaluation), one level further down.
  { files: ['src/core/*/**/*.ts'], rules: pureCore('../../') },
  ...layerRules,
  // The composition root (main.tsx, the automation hooks) wires every layer, but never tfjs or the tests.
  {
    files: ['src/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [outsideSrc, ...uiLibraries] }],
    },
  },
);
