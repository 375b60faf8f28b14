import { quoteLiteral } from '@app/dataschema';
import { Client } from 'pg';

/** PostgreSQL itself reads every literal back as the original text, whatever the input. */
describe('quoteLiteral against PostgreSQL', () => {
  const client = new Client({
    connectionString: process.env.DATABASE_URL,
  });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  const hostile = ["'; DROP TABLE x; --", "\\'); SELECT 1; --", 'a\\\\b\\', "O'Brien", 'Zoë 日本 🎉', '$$ $x$ \' " \\'];

  it.each(hostile)('round-trips %j with standard_conforming_strings on and off', async (text) => {
    for (const setting of ['on', 'off']) {
      await client.query(`SET standard_conforming_strings = ${setting}`);
      const { rows } = await client.query(`SELECT ${quoteLiteral(text)}::text AS v`);
      expect(rows[0].v).toBe(text);
    }
    await client.query('RESET standard_conforming_strings');
  });
});
