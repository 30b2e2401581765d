// One jest run covers every project; a project per lib/service so `--selectProjects points` works.
// Test tiers are named by suffix (.unit/.contract/.int/.e2e.spec.ts).
const { projectConfig } = require('./jest.preset');

const projects = [
  ['kernel', 'libs/kernel'],
  ['contracts', 'libs/contracts'],
  ['eventstore', 'libs/eventstore'],
  ['messaging', 'libs/messaging'],
  ['platform', 'libs/platform'],
  ['client', 'libs/client'],
  ['demand', 'services/demand'],
  ['matching', 'services/matching'],
  ['consulting', 'services/consulting'],
  ['points', 'services/points'],
  ['tools', 'tools'],
];

module.exports = {
  projects: projects.map(([name, root]) => projectConfig(name, root)),
  globalSetup: '<rootDir>/tools/src/testing/jest-global-setup.js',
  globalTeardown: '<rootDir>/tools/src/testing/jest-global-teardown.js',
  // A global option: project configs cannot set it.
  testTimeout: 30_000,
  maxWorkers: process.env.CI ? 2 : '50%',
};
