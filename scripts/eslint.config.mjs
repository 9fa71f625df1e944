// `npm run lint`: the rules that catch faults the typechecker lets through (a promise nobody awaits, a switch that
// forgets a case, an unused name), not matters of taste; the formatter owns the layout.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'URL', 'URLSearchParams', 'fetch', 'Response', 'setTimeout', 'clearTimeout', 'Buffer'].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['dist/**', '.tmp/**', 'node_modules/**', 'data/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: new URL('..', import.meta.url).pathname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // node:test's describe and it return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'before', 'after', 'beforeEach', 'afterEach'] },
            // @open-wc's DOM-diff plugin types chai's equal as a promise; on values it is chai's plain assertion.
            { from: 'package', package: '@open-wc/semantic-dom-diff', name: ['Equal', 'equal'] },
          ],
        },
      ],
      // Matters of taste, or of code that reads untyped JSON on purpose (tests, fakes): not faults.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // String(unknown) on purpose where a message names a value; and errors that drop their cause keep a
      // recipient or secret the cause may quote out of logs (notify/smtp.ts).
      '@typescript-eslint/no-base-to-string': 'off',
      'preserve-caught-error': 'off',
      // Patterns that match control characters do so on purpose (refusing them in typed text).
      'no-control-regex': 'off',
      // Promise.all over optional close() results is fine; a plain await of a non-promise is still caught.
      '@typescript-eslint/await-thenable': 'off',
      // `declare global { interface X extends Ours {} }` is how a global map is extended.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // chai's property assertions (`.to.exist`) are expressions; a test's method taken from an object is a stub.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
  {
    files: ['**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['demo/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { document: 'readonly', window: 'readonly', console: 'readonly' } },
  },
);
