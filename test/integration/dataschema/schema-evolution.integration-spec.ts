import {
  applyOperations,
  assignIds,
  catalogDrift,
  inTransaction,
  nextRetained,
  pgExecutor,
  planMigration,
  RetainedItem,
  revertOperations,
  SchemaChangeRefused,
  SchemaDefinition,
  validateDefinition,
} from '@app/dataschema';
import { Client } from 'pg';
import { dropScratchTenant, scratchTenant, TIMEOUTS } from './dataschema-db';
import { randomEdit, seededRandom } from './random-edits';
import { changedValues, DataSnapshot, insertSampleRows, snapshotData } from './sample-rows';

const SEED = Number(process.env.DATASCHEMA_SEED ?? 20241122);
const STEPS = Number(process.env.DATASCHEMA_STEPS ?? 60);

/**
 * The property: whatever sequence of edits and rollbacks, the live catalog always equals what the
 * current definition generates from nothing, every plan's down statements bring the catalog back,
 * and a rollback to any earlier version finds the rows of that version with their values.
 */
describe(`schema evolution property (seed ${SEED})`, () => {
  let client: Client;
  let schema: string;

  beforeAll(async () => ({ client, schema } = await scratchTenant('ds_prop')));
  afterAll(() => dropScratchTenant(client, schema));

  const drift = (definition: SchemaDefinition) => catalogDrift(pgExecutor(client), schema, definition);

  it('keeps catalog and data true to each version through random edits and rollbacks', async () => {
    const random = seededRandom(SEED);
    const versions: Array<{ definition: SchemaDefinition; data: DataSnapshot }> = [
      { definition: { tables: [] }, data: new Map() },
    ];
    let current: SchemaDefinition = { tables: [] };
    let retained: RetainedItem[] = [];
    const tally = { edits: 0, rollbacks: 0, refused: 0, restored: 0 };

    for (let step = 0; step < STEPS; step++) {
      const rollback = versions.length > 2 && random.chance(0.25);
      const targetIndex = rollback ? random.int(versions.length - 1) : -1;
      let next: SchemaDefinition;
      let label: string;
      if (rollback) {
        next = versions[targetIndex].definition;
        label = `rollback to version ${targetIndex}`;
      } else {
        const edit = randomEdit(current, random);
        if (!edit) continue;
        next = assignIds(edit.definition, current, retained);
        label = edit.name;
        if (!validateDefinition(next).valid) continue;
      }
      const context = `step ${step} (${label})`;
      const plan = planMigration(current, next, { schema, retained });

      // Up, then down, in a transaction that is rolled back: each direction lands on its version's catalog.
      const refused = await inTransaction(client, async () => {
        try {
          await applyOperations(pgExecutor(client), plan.operations, TIMEOUTS);
        } catch (error) {
          if (error instanceof SchemaChangeRefused) throw new RolledBack(true);
          throw new Error(`${context}: ${(error as Error).message}\n${plan.up}`);
        }
        expect({ context, drift: await drift(next) }).toEqual({ context, drift: [] });
        await revertOperations(pgExecutor(client), plan.operations, TIMEOUTS);
        expect({ context, reverted: await drift(current) }).toEqual({ context, reverted: [] });
        throw new RolledBack(false);
      }).catch((e) => (e instanceof RolledBack ? e.refused : Promise.reject(e)));

      if (refused) {
        tally.refused++;
        expect({ context, untouched: await inTransaction(client, () => drift(current)) }).toEqual({
          context,
          untouched: [],
        });
        continue;
      }

      await inTransaction(client, () => applyOperations(pgExecutor(client), plan.operations, TIMEOUTS));
      expect({ context, drift: await inTransaction(client, () => drift(next)) }).toEqual({ context, drift: [] });
      retained = nextRetained(retained, plan.operations);
      tally.restored += plan.operations.filter((op) => op.kind.startsWith('restore')).length;
      current = next;

      if (rollback) {
        tally.rollbacks++;
        const now = await snapshotData(client, schema, current);
        expect({ context, changed: changedValues(versions[targetIndex].data, now, current) }).toEqual({
          context,
          changed: [],
        });
      } else tally.edits++;

      await insertSampleRows(client, schema, current, random);
      versions.push({ definition: current, data: await snapshotData(client, schema, current) });
    }
    if (process.env.DATASCHEMA_TALLY) console.log(JSON.stringify(tally));
    // The sequence must exercise the interesting paths, or the property says little.
    expect(tally.edits).toBeGreaterThan(15);
    expect(tally.rollbacks).toBeGreaterThan(4);
    expect(tally.restored).toBeGreaterThan(2);
  });
});

/** Thrown to roll the trial transaction back; says whether a precheck refused the plan. */
class RolledBack extends Error {
  constructor(readonly refused: boolean) {
    super('rolled back');
  }
}
