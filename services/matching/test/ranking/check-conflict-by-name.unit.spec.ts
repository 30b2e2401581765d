import { checkConflict, type CheckConflictDeps } from '../../src/application/check-conflict.use-case';
import { NO_POLICY } from '../../src/domain/compliance/compliance';
import type { ExpertView } from '../../src/projections/registry/registry.queries';

/** The conflict check other services' gates call: the employer by id, and by name when the expert gave no id. */
describe('conflict check by employer name', () => {
  const view = (employer: string, organisationId?: string) =>
    ({ expertId: 'e1', erased: false, restrictions: [], profile: { name: 'e1', employers: [{ employer, from: '2019-01', ...(organisationId ? { organisationId } : {}) }] } }) as unknown as ExpertView;
  const deps = (expert: ExpertView, names: string[]): CheckConflictDeps => ({
    registry: { expert: () => expert },
    compliance: { policy: () => NO_POLICY },
    clock: { now: () => new Date('2026-06-01T00:00:00Z') },
    organisationNames: () => names,
  });
  const operator = { subject: 'op', role: 'operator' as const };

  it('given an expert employed at "Midea Group Co., Ltd." without an id, when checked for org-midea known as "Midea Group", then not cleared', () => {
    const r = checkConflict(deps(view('Midea Group Co., Ltd.'), ['midea']), operator, { expertId: 'e1', organisationId: 'org-midea' });
    expect(r.cleared).toBe(false);
    expect(r.reasons.map((x) => x.code)).toEqual(['same-current-employer']);
  });

  it('given another employer by name, then cleared', () => {
    expect(checkConflict(deps(view('Gree Electric Appliances Inc.'), ['midea']), operator, { expertId: 'e1', organisationId: 'org-midea' }).cleared).toBe(true);
  });
});
