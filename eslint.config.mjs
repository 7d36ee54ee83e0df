import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** What `libs/engagement` may not touch: it is a pure, deterministic domain library. */
const impureModules = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'socket.io',
  'socket.io-client',
  'werift',
  'node:*',
  'fs',
  'path',
  'child_process',
  'http',
  'net',
  'os',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      'data/**',
      'artifacts/**',
      'coverage/**',
      '.nx/**',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        // Nest's dependency injection reads constructor parameter types: keep those imports as values.
        emitDecoratorMetadata: true,
        experimentalDecorators: true,
      },
    },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:domain', 'type:infra'] },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:domain', 'type:ui'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:ui'] },
            { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.spec.tsx', 'tests/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'describe', property: 'only' },
        { object: 'it', property: 'only' },
        { object: 'test', property: 'only' },
      ],
    },
  },
  {
    // The domain libs are pure: the room core and the audience engine get their clock, randomness and
    // inputs as arguments, so a session replays bit for bit.
    files: ['libs/engagement/src/**/*.ts', 'libs/session/src/**/*.ts'],
    ignores: ['libs/engagement/src/**/*.spec.ts', 'libs/session/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: impureModules.map((group) => ({
            group: [group],
            message: 'libs/engagement and libs/session are pure: no I/O, no framework.',
          })),
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'The engine takes its clock as an argument.' },
        { object: 'Math', property: 'random', message: 'The engine uses its seeded RNG.' },
        { object: 'performance', property: 'now', message: 'The engine takes its clock as an argument.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'The engine is driven by ticks, not timers.' },
        { name: 'setInterval', message: 'The engine is driven by ticks, not timers.' },
        { name: 'process', message: 'The engine has no access to the process.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date']",
          message: 'The engine takes its clock as an argument.',
        },
      ],
    },
  },
  {
    files: [
      'apps/studio/src/**/*.tsx',
      'apps/viewer/src/**/*.tsx',
      'apps/studio/src/**/*.ts',
      'apps/viewer/src/**/*.ts',
    ],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Build configuration shares workspace-level helpers; it is not app code.
    files: ['**/vite.config.mts', 'tests/vitest.e2e.config.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['apps/cli/src/**/*.ts', 'tests/bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  prettier,
);
