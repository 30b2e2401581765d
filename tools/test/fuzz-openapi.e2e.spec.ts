import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consultingService } from '@hope/consulting';
import { demandService } from '@hope/demand';
import { matchingService } from '@hope/matching';
import { pointsService } from '@hope/points';
import { startEmbeddedPlatform, type EmbeddedPlatform, type Role } from '@hope/platform';
import { grantMemberships } from '@hope/platform/testing';
import { casesFor, type FuzzCase } from '../src/testing/fuzz/bad-input';
import type { OpenApiDocument, Operation } from '../src/testing/fuzz/openapi-samples';

/**
 * Hostile and mistaken input, generated from each service's own OpenAPI document: for every operation,
 * CASES_PER_OPERATION requests (fast-check, fixed seed) that break one thing -- the body (nesting,
 * missing or wrongly typed fields at any depth, lone surrogates, huge strings and arrays, null, not
 * JSON), a path id (traversal, huge, control characters) or a query value (garbage cursors, negative
 * limits). Each is sent as a caller the operation accepts. Every answer must be < 500, problem+json
 * when it is an error, and a 400 about a body field must name a field.
 */
const CASES_PER_OPERATION = Number(process.env.FUZZ_CASES ?? 16);
const ROLES: Role[] = ['operator', 'service', 'enterprise', 'expert', 'analyst'];
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

describe('fuzz from OpenAPI: no 5xx for any input, problem+json naming the field', () => {
  jest.setTimeout(600_000);
  let dir: string;
  let platform: EmbeddedPlatform;
  const tokens = new Map<Role, string>();
  const totals = { operations: 0, cases: 0, fiveHundreds: 0 };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-fuzz-'));
    // No rate limit here: every bad request must reach validation, not a 429.
    platform = await startEmbeddedPlatform({ services: [demandService, matchingService, consultingService, pointsService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent', RATE_LIMIT_WRITES: '0' } });
    for (const role of ROLES) tokens.set(role, await platform.devIssuer.issue({ sub: `fuzz-${role}`, role, ...(role === 'enterprise' ? { org: 'org-fuzz' } : {}) }));
    // The enterprise token acts for org-fuzz as its member (points, consulting and matching check membership).
    await grantMemberships(platform, [{ organisationId: 'org-fuzz', subject: 'fuzz-enterprise' }]);
  });
  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
    process.stdout.write(`fuzz: ${totals.operations} operations, ${totals.cases} requests (8 whole-body cases per body + ${CASES_PER_OPERATION} random per operation), ${totals.fiveHundreds} answered 5xx\n`);
  });

  const send = async (base: string, method: string, c: FuzzCase, role: Role) => {
    const res = await fetch(`${base}${c.path}${c.query}`, {
      method: method.toUpperCase(),
      headers: { authorization: `Bearer ${tokens.get(role)}`, ...(c.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(c.body !== undefined ? { body: c.body } : {}),
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', text };
  };

  /** The first role whose well-formed request is not refused for who it is (so the bad input reaches validation). */
  const roleFor = async (base: string, method: string, c: FuzzCase): Promise<Role> => {
    for (const role of ROLES) {
      const { status } = await send(base, method, c, role);
      if (status !== 401 && status !== 403) return role;
    }
    return 'operator';
  };

  for (const service of ['demand', 'matching', 'consulting', 'points']) {
    it(`${service}: every operation, ${CASES_PER_OPERATION} bad requests each`, async () => {
      const base = platform.services.get(service)!.url;
      const doc = (await (await fetch(`${base}/docs-json`)).json()) as OpenApiDocument;
      const failures: string[] = [];
      let seed = 1;
      for (const [template, item] of Object.entries(doc.paths)) {
        for (const method of METHODS) {
          const op: Operation | undefined = item[method];
          if (!op || template.startsWith('/health') || template === '/metrics') continue;
          totals.operations++;
          const cases = casesFor(doc, template, op, CASES_PER_OPERATION, seed++);
          const role = await roleFor(base, method, { what: 'as documented', path: cases[0]!.path.replace(/\/\.\.\/.*$/, ''), query: '' });
          for (const c of cases) {
            totals.cases++;
            const r = await send(base, method, c, role);
            const where = `${method.toUpperCase()} ${template} [${c.what}] as ${role}`;
            if (r.status >= 500) {
              totals.fiveHundreds++;
              failures.push(`${where}: ${r.status} ${r.text.slice(0, 160)}`);
            } else if (r.status >= 400 && !r.type.includes('application/problem+json') && r.status !== 404) {
              failures.push(`${where}: ${r.status} is not problem+json (${r.type})`);
            } else if (r.status === 400 && c.what.startsWith('body.') && !/"errors":\[\{"field"/.test(r.text) && !/"code":"REQUEST\./.test(r.text)) {
              failures.push(`${where}: 400 names no field: ${r.text.slice(0, 160)}`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
