import Redis from 'ioredis';
async function main() {
  const r = new Redis('redis://127.0.0.1:6379', { enableAutoPipelining: false });
  const ra = new Redis('redis://127.0.0.1:6379', { enableAutoPipelining: true });
  for (const [name, c] of [['plain', r], ['autopipelined', ra]] as const) {
    for (const round of [0, 1]) {
      const n = 30000; let i = 0;
      const t = process.cpuUsage();
      await Promise.all(Array.from({ length: 32 }, async () => { while (i++ < n) await c.mget('a', 'b'); }));
      const u = process.cpuUsage(t);
      if (round) console.log(name, ((u.user + u.system) / n).toFixed(1), 'µs per MGET');
    }
  }
  r.disconnect(); ra.disconnect();
}
main();
