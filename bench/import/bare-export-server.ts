import { createServer } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/**
 * The export's near-limit in `npm run bench:import`, "COPY TO over HTTP" as issue #10 names it:
 * node:http and one pg connection with nothing in between. `GET /export` streams
 * `COPY (<BARE_EXPORT_SELECT>) TO STDOUT (FORMAT csv, HEADER)` to the response as text/csv; no
 * authentication, job, file or logging. Run as its own process; `/health` answers once connected.
 */
const select = process.env.BARE_EXPORT_SELECT ?? '';
const client = new Client({ connectionString: process.env.DATABASE_URL });

const server = createServer((request, response) => {
  if (request.url === '/health') {
    response.end('ok');
    return;
  }
  if (request.url !== '/export') {
    response.statusCode = 404;
    response.end();
    return;
  }
  response.setHeader('content-type', 'text/csv; charset=utf-8');
  const copy = client.query(copyTo(`COPY (${select}) TO STDOUT WITH (FORMAT csv, HEADER true)`));
  pipeline(copy, response).catch((error: unknown) => {
    console.error(error);
    response.destroy();
  });
});

client
  .connect()
  .then(() => server.listen(Number(process.env.PORT), '127.0.0.1'))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
process.on('SIGTERM', () => {
  server.close();
  void client.end();
});
