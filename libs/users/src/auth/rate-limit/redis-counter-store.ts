import type Redis from 'ioredis';
import { CounterStore, WindowCount } from './counter-store';

// One round trip each, atomic on the server: a window's first hit sets its expiry.
const HIT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

const PEEK = `
local count = redis.call('GET', KEYS[1])
if not count then return {0, 0} end
return {tonumber(count), redis.call('PTTL', KEYS[1])}`;

/** Counters in Redis, shared by every API instance. */
export class RedisCounterStore implements CounterStore {
  constructor(private readonly client: Redis) {}

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    return toCount(await this.client.eval(HIT, 1, key, String(windowMs)));
  }

  async peek(key: string): Promise<WindowCount> {
    return toCount(await this.client.eval(PEEK, 1, key));
  }
}

function toCount(reply: unknown): WindowCount {
  const [count, ttl] = reply as [number, number];
  return { count: Number(count), resetInMs: Math.max(0, Number(ttl)) };
}
