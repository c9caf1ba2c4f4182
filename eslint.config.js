// Lint says what reviewers would otherwise repeat (STYLE.md, Tooling).
import tseslint from 'typescript-eslint';

const MODULES = ['identity', 'organisation', 'policy', 'live', 'work', 'attendance', 'continuity', 'safeguarding', 'messaging', 'access', 'fe', 'insights', 'privacy'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'scratch/**', 'migrations/**', 'coverage/**', 'bench/results/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.json', './tsconfig.web.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The one clock: time is read in platform/clock.ts and handed to everything else.
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/platform/clock.ts', '**/*.test.ts', 'src/server/testing/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Read the time from the injected Clock (platform/clock.ts).' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Read the time from the injected Clock (platform/clock.ts).' },
      ],
    },
  },
  {
    // Modules meet through each other's index.ts or events, never tables or services (STYLE.md).
    files: ['src/server/modules/**/*.ts'],
    ignores: ['src/server/modules/*/schema.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: MODULES.map((m) => ({
            group: [`../${m}/*`, `../../modules/${m}/*`, `!../${m}/index.js`, `!../../modules/${m}/index.js`, `!../${m}/policy.js`, `!../../modules/${m}/policy.js`],
            message: `Use ../${m}/index.js: modules meet through each other's index.ts.`,
          })),
        },
      ],
    },
  },
  {
    // The platform knows no domain.
    files: ['src/server/platform/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/modules/**'], message: 'platform/ knows no domain module.' }] }],
    },
  },
  {
    // A learner's first load stays small: the web app takes only types from the zod contract,
    // and values from the zod-free shared modules (see src/shared/roles.ts).
    files: ['src/web/**/*.ts', 'src/web/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: 'zod stays on the server: it would add ~20 KB to the first load.' }],
          patterns: [
            {
              group: ['**/shared/*', '!**/shared/roles.js'],
              allowTypeImports: true,
              message: 'Import only types from the zod contract; put shared values in a zod-free module like shared/roles.ts.',
            },
          ],
        },
      ],
    },
  },
);
