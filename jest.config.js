const swc = (module) => [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module },
];
// cookie (fastify's inject) and content-disposition (@fastify/swagger-ui) ship only as ES modules,
// which jest cannot require on Node 20: swc compiles them to CommonJS.
const esmOnly = ['cookie', 'content-disposition'];
const common = {
  testEnvironment: 'node',
  testTimeout: 30000,
  transform: {
    '^.+\\.ts$': swc(undefined),
    [`/node_modules/(${esmOnly.join('|')})/.+\\.js$`]: swc({ type: 'commonjs' }),
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
};

/**
 * unit: everything but test/e2e (uses the real PostgreSQL and Redis where it needs them).
 * e2e: through the real Asterisk and SIPp; run with --runInBand (scripts/test.sh).
 */
module.exports = {
  maxWorkers: 2,
  // Read here, not from the projects: hooks (a test file's own database, migrated) get the same time.
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/test/e2e/'],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
