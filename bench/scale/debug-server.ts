import { writeFileSync } from 'node:fs';
import { StrataClient } from '../import/strata-client';
import { startScaleApi } from './scale-api';
import { fixtureTables } from './schema-fixture';

// temporary: start, provision, print base + token, wait for SIGINT
async function main() {
  const api = await startScaleApi();
  const token = await api.adminToken();
  const client = new StrataClient(api.base, token);
  await client.call('POST', '/api/tenants', { name: 'big', slug: 'big' });
  await client.call('POST', '/api/tenants', { name: 'one', slug: 'one' });
  await client.call('PUT', '/api/tenants/one/schema', { definition: { tables: fixtureTables(1) }, expectedVersion: 0 });
  const all = fixtureTables(200);
  for (let v = 1; v <= 50; v++)
    await client.call('PUT', '/api/tenants/big/schema', {
      definition: { tables: all.slice(0, v * 4) },
      expectedVersion: v - 1,
    });
  writeFileSync('/tmp/scale-debug.env', `BASE=${api.base}\nTOKEN=${token}\n`);
  console.log('ready', api.base);
  process.on('SIGINT', () => void api.stop().then(() => process.exit(0)));
}
void main();
