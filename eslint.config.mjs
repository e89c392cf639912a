// ESLint flat config: TypeScript sources and tests. Generated bundles and caches are ignored.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

// The task panel's webview runs in a browser sandbox: no VS Code API, no Node modules (tsconfig.webview.json
// also type-checks it without Node types). The pure panel files are shared by the host and the webview.
const NO_VSCODE = { name: 'vscode', message: 'The webview and the pure panel files must not depend on VS Code (post a message to the host instead).' };
const NODE_MODULES = [...new Set(builtinModules.map((m) => m.replace(/^node:/, '')))].flatMap((m) => [m, `node:${m}`])
  .map((name) => ({ name, message: 'The webview runs in a browser: no Node modules.' }));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'bench/results/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core must not depend on VS Code.' }] }],
    },
  },
  {
    files: ['src/webview-ui/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [NO_VSCODE, ...NODE_MODULES, { name: 'undici', message: 'The webview runs in a browser: no Node modules.' }],
        patterns: [{ group: ['../panel/*', '!../panel/protocol', '!../panel/legal'], message: 'The webview may import only the pure panel files (protocol, legal).' }],
      }],
    },
  },
  {
    files: ['src/panel/protocol.ts', 'src/panel/legal.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_VSCODE] }],
    },
  },
);
