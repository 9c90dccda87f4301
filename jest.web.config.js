/**
 * Unit specs of the two Angular apps (console/, ssp/), beside the code as *.spec.ts. Kept apart
 * from jest.config.js: no database, no Temporal, and Angular's packages to compile.
 *
 * Specs run in node; one that renders a component or reads the page says so with a
 * `@jest-environment jsdom` docblock.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      // Angular's JIT compiler reads the decorators at run time, as it does in `ng serve` without AOT.
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
    },
    module: { type: 'commonjs' },
  },
];

// Calendar-day filters are the agent's local days: one fixed zone, with summer time, makes those specs mean the same on every machine.
process.env.TZ = 'Europe/London';

module.exports = {
  displayName: 'web',
  testEnvironment: 'node',
  roots: ['<rootDir>/console/src', '<rootDir>/ssp/src'],
  testMatch: ['**/*.spec.ts'],
  moduleFileExtensions: ['ts', 'mjs', 'js', 'json'],
  // Angular ships only ES modules (.mjs): compile them to CommonJS like our own code.
  transform: { '^.+\\.(ts|mjs)$': swc },
  transformIgnorePatterns: ['/node_modules/(?!@angular/)'],
  // Components are compiled by JIT in specs: it needs the compiler, and signal inputs declared (see */src/testing).
  setupFiles: [],
};
