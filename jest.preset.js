const path = require('node:path');

const moduleNameMapper = {
  // Domain code imports its errors from here: plain classes, no Nest behind them.
  '^@hope/platform/errors$': '<rootDir>/libs/kernel/src/errors.ts',
  '^@hope/kernel/errors$': '<rootDir>/libs/kernel/src/errors.ts',
  '^@hope/kernel/testing$': '<rootDir>/libs/kernel/src/testing/index.ts',
  '^@hope/kernel/event-store$': '<rootDir>/libs/kernel/src/event-store.port.ts',
  '^@hope/kernel$': '<rootDir>/libs/kernel/src/index.ts',
  '^@hope/(contracts|eventstore|messaging|platform)/testing$': '<rootDir>/libs/$1/src/testing/index.ts',
  '^@hope/(contracts|eventstore|messaging|platform)$': '<rootDir>/libs/$1/src/index.ts',
  '^@hope/client/testing$': '<rootDir>/libs/client/src/testing/index.ts',
  '^@hope/client$': '<rootDir>/libs/client/src/index.ts',
  '^@hope/(demand|matching|consulting|points)$': '<rootDir>/services/$1/src/index.ts',
};

function projectConfig(name, root) {
  return {
    displayName: name,
    rootDir: path.resolve(__dirname),
    testEnvironment: 'node',
    testMatch: [`<rootDir>/${root}/**/*.spec.ts`],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    transform: {
      '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    },
    moduleNameMapper,
    setupFiles: ['reflect-metadata', '<rootDir>/tools/src/testing/jest-setup-env.js'],
  };
}

module.exports = { projectConfig, moduleNameMapper };
