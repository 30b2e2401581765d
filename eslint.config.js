// Flat config: typescript-eslint's recommended rules; no console in services and libraries (logs go
// through pino); tests and tools may print. The rooms of the architecture are enforced here too:
// a wrong import fails `npm run lint` (which CI runs) instead of waiting for a reviewer.
const tseslint = require('typescript-eslint');

const SERVICES = ['demand', 'matching', 'consulting', 'points'];
const FRAMEWORKS = ['@nestjs/*', 'kafkajs', 'better-sqlite3', 'ioredis', '@eventstore/*', '@kurrent/*', 'express', 'jose', 'pino'];

// The query-parameter guard knows a handler takes a query DTO from our own marker (decision 0057).
const nestQuery = { name: '@nestjs/common', importNames: ['Query'], message: "Use @hope/platform's Query(): the guard that refuses unknown query parameters reads its marker." };

const otherServices = (self) => SERVICES.filter((s) => s !== self);
const crossService = (self) => ({
  group: otherServices(self).flatMap((s) => [`@hope/${s}`, `@hope/${s}/*`]),
  message: 'Services talk through integration events and REST, never by importing each other.',
});
const relativeIntoOtherService = (self) => ({
  regex: `^(\\.\\./)+(services/)?(${otherServices(self).join('|')})/`,
  message: 'Services never import each other.',
});

module.exports = tseslint.config(
  { ignores: ['**/node_modules/**', 'dist/**', '.data/**', '.nx/**', 'coverage/**', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['libs/*/src/**/*.ts', 'services/*/src/**/*.ts'],
    ignores: ['**/testing/**'],
    rules: { 'no-console': 'error' },
  },
  // The kernel is what every domain may import: it imports no framework, no client, no other lib.
  {
    files: ['libs/kernel/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...FRAMEWORKS, '@hope/*'], message: 'The kernel stays framework-free and depends on nothing of ours.' }] }],
    },
  },
  // Libraries never depend on services.
  {
    files: ['libs/**/*.ts'],
    ignores: ['libs/kernel/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [nestQuery], patterns: [{ group: SERVICES.flatMap((s) => [`@hope/${s}`, `@hope/${s}/*`]), message: 'Libraries never import services.' }, { regex: '(^|/)services/', message: 'Libraries never import services.' }] }],
    },
  },
  // Each service: never another service; its domain imports only the kernel and the contracts.
  ...SERVICES.flatMap((service) => [
    {
      files: [`services/${service}/src/**/*.ts`],
      ignores: [`services/${service}/src/domain/**`],
      rules: { 'no-restricted-imports': ['error', { paths: [nestQuery], patterns: [crossService(service), relativeIntoOtherService(service)] }] },
    },
    {
      files: [`services/${service}/src/domain/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              crossService(service),
              relativeIntoOtherService(service),
              { group: [...FRAMEWORKS, '@hope/platform', '@hope/platform/*', '@hope/eventstore', '@hope/eventstore/*', '@hope/messaging', '@hope/messaging/*'], message: 'Domain code imports only @hope/kernel and @hope/contracts: no framework, client or adapter.' },
              { regex: '(^|/)(http|projections|application|jobs|integration)(/|$)', message: 'Domain code does not reach into http/, projections/, application/ or jobs/.' },
            ],
          },
        ],
      },
    },
  ]),
);
