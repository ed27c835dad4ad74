/** @type {import('jest').Config} */
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };
const common = { transform, setupFiles: ['<rootDir>/test/setup-env.js'] };

module.exports = {
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/results-reporter.js'],
  projects: [
    {
      ...common,
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/miniprogram/'],
    },
    {
      ...common,
      displayName: 'miniprogram',
      // miniprogram-simulate renders components into jsdom.
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test/miniprogram'],
      testMatch: ['**/*.test.ts'],
    },
  ],
};
