import { planMigration } from './plan-migration';
import { PLANNER_FIXTURES } from './plan-migration.fixtures';

describe('planMigration fixtures', () => {
  it.each(PLANNER_FIXTURES.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const plan = planMigration(fixture.from, fixture.to, { schema: 'tenant_acme', retained: fixture.retained });
    const actual = plan.operations.map((op) => ({
      kind: op.kind,
      up: op.up,
      down: op.down,
      precheck: op.precheck?.sql,
    }));
    if (process.env.SHOW_PLANS) console.log(JSON.stringify(actual, null, 2));
    expect(actual.map((a) => a.kind)).toEqual(fixture.operations.map((o) => o.kind));
    fixture.operations.forEach((expected, i) => {
      expect(actual[i].up).toEqual(expected.up);
      expect(actual[i].down).toEqual(expected.down);
      if (expected.precheck) expect(actual[i].precheck).toMatch(expected.precheck);
      else expect(actual[i].precheck).toBeUndefined();
    });
  });
});
