import { Env, InjectEnv, metricsRegistry, serviceUnavailable } from '@app/core';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { Counter } from 'prom-client';
import { BoundedQueue, QueueFullError } from './bounded-queue';

// `Algorithm` is a const enum, which per-file compilers cannot inline; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

const passwordHashesRefusedTotal = new Counter({
  name: 'strata_password_hashes_refused_total',
  help: 'Password hashes refused (503) because PASSWORD_HASH_CONCURRENCY and PASSWORD_HASH_QUEUE_LIMIT were full',
  registers: [metricsRegistry],
});

/**
 * argon2id hashing, at most PASSWORD_HASH_CONCURRENCY at once with up to PASSWORD_HASH_QUEUE_LIMIT
 * waiting: each hash costs ~19 MB and a thread, so a flood of logins must queue, and past the
 * queue be refused (503 with Retry-After), rather than exhaust the process. `verifyDummy` keeps the
 * timing of a missing user like that of a real one.
 */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummyHash?: Promise<string>;
  private readonly queue: BoundedQueue;

  constructor(@InjectEnv() env: Env) {
    this.queue = new BoundedQueue(env.PASSWORD_HASH_CONCURRENCY, env.PASSWORD_HASH_QUEUE_LIMIT);
  }

  /** Computes the dummy hash up front, so the first login of an unknown email is not slower. */
  async onModuleInit(): Promise<void> {
    await this.dummy();
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.hash('dummy password that matches nothing');
    return this.dummyHash;
  }

  hash(password: string): Promise<string> {
    return this.bounded(() => hash(password, OPTIONS));
  }

  verify(passwordHash: string, password: string): Promise<boolean> {
    return this.bounded(async () => {
      try {
        return await verify(passwordHash, password);
      } catch {
        return false; // a malformed stored hash matches nothing
      }
    });
  }

  /** Spends the same work as `verify` against a throwaway hash, and always fails. */
  async verifyDummy(password: string): Promise<false> {
    await this.verify(await this.dummy(), password);
    return false;
  }

  private async bounded<T>(task: () => Promise<T>): Promise<T> {
    try {
      return await this.queue.run(task);
    } catch (error) {
      if (!(error instanceof QueueFullError)) throw error;
      passwordHashesRefusedTotal.inc();
      throw serviceUnavailable('Too many password checks at once; try again shortly', 1);
    }
  }
}
