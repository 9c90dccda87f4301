// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The floor plan: imports run one way, down. Each entry names a folder and the folders it must
 * never import (docs/architecture.md draws it). dev/ and tools/ stand on top and may import all.
 */
const LAYERS = [
  { folder: 'workflows', never: ['activities', 'core', 'api', 'worker', 'dev', 'tools'] },
  { folder: 'core', never: ['activities', 'api', 'worker', 'dev', 'tools'] },
  { folder: 'activities', never: ['api', 'worker', 'dev', 'tools'] },
  { folder: 'api', never: ['activities', 'worker', 'dev', 'tools'] },
  { folder: 'worker', never: ['api', 'dev', 'tools'] },
];

/** A relative import that climbs out of the folder into one of `folders`. */
const into = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;

const layerRules = LAYERS.map(({ folder, never }) => ({
  files: [`${folder}/**/*.ts`],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          { regex: into(never), message: `${folder}/ must not import ${never.join(', ')} (imports run one way, down).` },
          ...(folder === 'workflows'
            ? [
                // Workflow code runs in Temporal's deterministic sandbox: no I/O, no Node APIs. It
                // declares the activities it needs (workflows/*/activities.ts); activities/ implements them.
                { group: ['node:*', 'typeorm', 'pg', '@nestjs/*'], message: 'Workflow code runs in the Temporal sandbox: no I/O.' },
              ]
            : []),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', '.angular/', 'coverage/', 'test-output/', '**/*.js', '**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  ...layerRules,
);
