/**
 * Unit specs of the two Angular apps (console/, ssp/), beside the code as *.spec.ts. Kept apart
 * from jest.config.js: no database, no Temporal, and Angular's packages to compile.
 *
 * Specs run in node. One that renders a component or reads the page says so with a
 * `@jest-environment jsdom` docblock, and imports src/testing/angular-test-bed first.
 */
// The server suite's TypeScript transform: decorators with their metadata, which TestBed also
// needs to compile components just in time (and for constructor injection).
const swc = require('./jest.config.js').transform['^.+\\.ts$'];

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
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
