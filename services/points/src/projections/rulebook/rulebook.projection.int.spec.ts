import { projectionSpec } from '@hope/eventstore/testing';
import { DEFAULT_RULES } from '../../domain/rules/earning-rules';
import { DEFAULT_CATALOGUE } from '../../domain/catalogue/redemption-catalogue';
import { rulebookProjection } from './rulebook.projection';
import { SqliteRulebookQueries } from './rulebook.queries';

const rulesChanged = (version: number, effectiveFrom: string, points: number) => ({
  stream: 'rulebook-points',
  type: 'RulesChanged',
  data: { version, effectiveFrom, pendingDays: 0, expiry: DEFAULT_RULES.expiry, rules: [{ ...DEFAULT_RULES.rules[3]!, points }], reason: 'r', by: 'op', at: effectiveFrom },
});

describe('points_rulebook projection (given events, then rows; rebuild equals live)', () => {
  it('keeps every version; the rule set in force at an instant is the latest effective by then', async () => {
    await projectionSpec(
      rulebookProjection,
      [
        rulesChanged(2, '2030-03-01T00:00:00.000Z', 300),
        rulesChanged(3, '2030-06-01T00:00:00.000Z', 400),
        { stream: 'rulebook-points', type: 'CatalogueChanged', data: { version: 2, items: [{ id: 'x', title: 'X', price: 5 }], reservationTimeoutMinutes: 5, reason: 'r', by: 'op', at: '2030-03-01T00:00:00.000Z' } },
      ],
      (db) => {
        const rules = new SqliteRulebookQueries(db);
        expect(rules.at(new Date('2030-02-01T00:00:00.000Z'))).toBe(DEFAULT_RULES);
        expect(rules.at(new Date('2030-04-01T00:00:00.000Z'))).toMatchObject({ version: 2, rules: [{ points: 300 }] });
        expect(rules.current()).toMatchObject({ version: 3, effectiveFrom: '2030-06-01T00:00:00.000Z' });
        expect(rules.version(1)).toBe(DEFAULT_RULES);
        expect(rules.version(4)).toBeUndefined();
        expect(rules.catalogue()).toEqual({ version: 2, items: [{ id: 'x', title: 'X', price: 5 }], reservationTimeoutMinutes: 5 });
      },
    );
    await projectionSpec(rulebookProjection, [], (db) => expect(new SqliteRulebookQueries(db).catalogue()).toBe(DEFAULT_CATALOGUE));
  });
});
