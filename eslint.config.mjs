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
  // The host's floors (see docs/architecture.md and test/unit/host/imports.test.ts): no arrow runs up.
  {
    files: ['src/errors.ts', 'src/settings.ts', 'src/ids.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['./*', '!./core', '!./core/**'], message: 'errors.ts, settings.ts and ids.ts sit on the ground floor: they import only src/core and vscode.' }] }],
    },
  },
  {
    files: ['src/inventory/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../views', '../views/**', '../wizards', '../wizards/**', '../tasks', '../tasks/**', '../commands', '../commands/**', '../panel', '../panel/**', '../operations', '../operations/**', '../services', '../extension', '../testApi'], message: 'the inventory sits below the views, wizards, tasks, panel, operations and commands.' }] }],
    },
  },
  {
    files: ['src/connections/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../inventory', '../inventory/**', '../views', '../views/**', '../wizards', '../wizards/**', '../tasks', '../tasks/**', '../commands', '../commands/**', '../panel', '../panel/**', '../operations', '../operations/**', '../services', '../extension', '../testApi'], message: 'connections sits below the inventory, views, wizards, tasks, panel, operations and commands.' }] }],
    },
  },
  {
    files: ['src/views/**/*.ts', 'src/wizards/**/*.ts', 'src/tasks/**/*.ts', 'src/logs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../commands', '../commands/**', '../panel', '../panel/**', '../operations', '../operations/**', '../services', '../extension', '../testApi'], message: 'views, wizards, tasks and logs must not import commands, panel, operations or the services.' }] }],
    },
  },
  {
    files: ['src/panel/**/*.ts', 'src/operations/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../commands', '../commands/**', '../services', '../extension', '../testApi'], message: 'panel and operations must not import commands or the services (take a narrow host interface).' }] }],
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
      'no-restricted-imports': ['error', { paths: [NO_VSCODE], patterns: [{ group: ['../commands', '../commands/**', '../services', '../extension', '../testApi'], message: 'panel and operations must not import commands or the services (take a narrow host interface).' }] }],
    },
  },
);
