/**
 * Unit specs of the two Angular apps (console/, ssp/), beside the code as *.spec.ts. Kept apart
 * from jest.config.js: no database, no Temporal, and Angular's packages to compile.
 *
 * Specs run in node. One that renders a component or reads the page says so with a
 * `@jest-environment jsdom` docblock, and imports src/testing/angular-test-bed first.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      // TestBed compiles components just in time, from the decorators as they run (and the
      // constructor parameter types they record, for constructor injection).
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
    },
    module: { type: 'commonjs' },
  },
];

// The list's day filters are the agent's local calendar days: one fixed zone, with summer time,
// makes those specs mean the same on every machine. Set before the workers start, so they inherit it.
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
};
