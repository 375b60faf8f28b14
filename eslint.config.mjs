// @ts-check
import eslint from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'var/**',
      'test/openapi-client/generated/**',
      'apps/console/src/api/schema.d.ts',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/libs/*/src/**'], message: 'Import another lib through @app/<lib>.' }] },
      ],
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/apps/**'], message: 'Nothing in libs/ imports from apps/.' },
            { group: ['**/libs/*/src/**'], message: 'Import another lib through @app/<lib>.' },
          ],
        },
      ],
    },
  },
  {
    // Services, repositories and jobs take plain values (a RequestActor, a query), never an HTTP
    // request, so a job or another lib can call them without HTTP.
    files: [
      'libs/**/*.service.ts',
      'libs/**/*.repository.ts',
      'libs/**/*.processor.ts',
      'libs/**/jobs/**/*.ts',
      'libs/**/service/**/*.ts',
      'libs/**/records/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'fastify', message: 'Services and jobs never see a Fastify request; pass plain values.' }],
          patterns: [
            { group: ['**/apps/**'], message: 'Nothing in libs/ imports from apps/.' },
            { group: ['**/libs/*/src/**'], message: 'Import another lib through @app/<lib>.' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/core/src/redis/redis-connections.ts', '**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Redis']",
          message: 'Open Redis connections through RedisConnections (@app/core), the one connection factory.',
        },
      ],
    },
  },
  {
    files: ['apps/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(\\.\\./){2,}', message: 'Apps import only libs (through @app/<lib>), never each other.' },
            { group: ['**/libs/*/src/**'], message: 'Import another lib through @app/<lib>.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-restricted-imports': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', '*.js', '*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', module: 'writable', require: 'readonly', URL: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The web console runs in the browser and talks to the API over HTTP only.
    files: ['apps/console/**/*.{ts,tsx,mts}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        sessionStorage: 'readonly',
        fetch: 'readonly',
        Request: 'readonly',
        Response: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        FormData: 'readonly',
      },
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@app/*', '**/libs/**'], message: 'The console uses the API, never server code.' }] },
      ],
    },
  },
);
