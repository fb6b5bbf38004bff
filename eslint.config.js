import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ml = ['@tensorflow/*', '@tensorflow/**', '@vladmandic/*'];

/** src/core's import rule, for a file `up` (../ or ../../) below src/. */
function pureCore(up) {
  return {
    'no-restricted-imports': [
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

export default tseslint.config(
  { ignores: ['dist', 'tools', 'node_modules', 'public', 'test-results', 'playwright-report', 'dev-dist'] },
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
  // The same for core's sub-folders, one level further down.
  { files: ['src/core/*/**/*.ts'], rules: pureCore('../../') },
  // UI code reaches the ML engine and storage only through the bridge and the stores.
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/state/**/*.ts', 'src/main.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ml, message: 'UI code never touches tfjs: go through src/bridge.' },
            { group: ['idb'], message: 'UI code never touches IndexedDB directly: go through src/storage.' },
            {
              group: ['**/engine/*', '!**/engine/protocol'],
              message: 'UI reaches the engine only through src/bridge.',
            },
          ],
        },
      ],
    },
  },
);
