// Lint for what the compiler does not catch; formatting is Prettier's (eslint-config-prettier turns
// ESLint's formatting rules off). `npm run lint` runs both; `npm test` runs it first.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', '.data/**', '.cache/**', 'templates/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Flags values read by decorators and by finally blocks; the compiler's noUnusedLocals covers the rest.
      'no-useless-assignment': 'off',
    },
  },
  {
    // Tests and benches read loose JSON and load files by path.
    files: ['test/**/*.ts', 'bench/**/*.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-unsafe-function-type': 'off' },
  },
  {
    // Pages call the feature services: no database, no entities, no repositories in src/web.
    files: ['src/web/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['typeorm', 'typeorm/*', '@nestjs/typeorm', 'pg', 'pg/*'], message: 'Pages call feature services; no database access in src/web.' },
            { group: ['**/*.entity', '**/*.entity.ts', '**/*.repository', '**/*.repository.ts'], message: 'Pages call feature services; no entities or repositories in src/web.' },
          ],
        },
      ],
    },
  },
);
