import { loadEnv, pinoHttpOptions } from '@app/core';
import pinoHttp from 'pino-http';
import pino from 'pino';
import { EventEmitter } from 'node:events';
import { productionLikeEnv } from './server-env';

const env = loadEnv({ ...productionLikeEnv({ port: 1, databaseUrl: 'postgres://x@127.0.0.1/x', admin: { email: 'a@b.cd', password: 'abcdefghijkl' }, queuePrefix: 'p', fileStore: '/tmp/x' }) });
const dest = pino.destination({ dest: '/dev/null', sync: false });
for (const variant of ['ours', 'plain']) {
  const opts = variant === 'ours' ? pinoHttpOptions(env, dest) : { stream: dest, customAttributeKeys: { reqId: 'requestId' }, quietReqLogger: true } as any;
  const mw = pinoHttp(opts);
  const n = 100000;
  const once = (i: number) => {
    const req: any = Object.assign(new EventEmitter(), { id: `req-${i}`, method: 'GET', url: '/api/tenants/bench/tables/orders/records?filter%5Baccount%5D%5Beq%5D=786&sort=-placed_at&page=2&pageSize=20', headers: { host: 'x' }, socket: {} });
    const res: any = Object.assign(new EventEmitter(), { statusCode: 200, getHeaders: () => ({}), writableEnded: true });
    mw(req, res, () => undefined);
    res.emit('finish');
  };
  for (let i = 0; i < 20000; i++) once(i);
  const t = process.cpuUsage();
  for (let i = 0; i < n; i++) once(i);
  const u = process.cpuUsage(t);
  console.log(variant, ((u.user + u.system) / n).toFixed(1), 'µs per request');
}
