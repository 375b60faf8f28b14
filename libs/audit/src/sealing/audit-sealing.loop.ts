import { Env, InjectEnv } from '@app/core';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AsyncResource } from 'node:async_hooks';
import { chainName, chainTenantId } from '../audit-chain';
import { AuditSealRepository } from './audit-seal.repository';
import { AuditSealer } from './audit-sealer';

/**
 * How long a pass waits after the nudge that starts it (or after the pass before), so that the
 * commits of that time are sealed together: fewer, larger sealing transactions.
 */
const GATHER_MS = 20;
/** When another process is sealing a chain: look again this soon, for entries its pass did not see. */
const BUSY_RETRY_MS = 20;
/** When sealing failed (the database away): try again this much later. */
const FAILURE_RETRY_MS = 1000;

/**
 * The sealer of this process (API or worker): seals a chain shortly after a commit wrote entries
 * on it (`nudge`), one pass at a time, the nudges that arrive meanwhile folded into the next pass;
 * and every AUDIT_SEAL_SWEEP_MS, seals the chains whose entries have waited that long (their
 * writer died between commit and sealing). Several processes may run it: the chain's sealing lock
 * lets one seal at a time, and a process that finds it held looks again shortly.
 */
@Injectable()
export class AuditSealingLoop implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditSealingLoop.name);
  private readonly due = new Set<string>();
  private readonly retries = new Set<NodeJS.Timeout>();
  private running?: Promise<void>;
  private sweeping?: Promise<void>;
  private sweepTimer?: NodeJS.Timeout;
  private stopped = false;
  /**
   * Passes run in the loop's own async context, not in that of the request whose commit nudged
   * it: sealing is background work, so its queries and logs must not be counted as the request's.
   */
  private readonly ownContext = new AsyncResource(AuditSealingLoop.name);

  constructor(
    @InjectEnv() private readonly env: Pick<Env, 'AUDIT_SEAL_SWEEP_MS'>,
    private readonly sealer: AuditSealer,
    private readonly repository: AuditSealRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.sweepTimer = setInterval(() => {
      this.sweeping ??= this.sweep().finally(() => (this.sweeping = undefined));
    }, this.env.AUDIT_SEAL_SWEEP_MS);
    this.sweepTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweepTimer);
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
    await this.sweeping;
    await this.running;
  }

  /** Seals these chains (`platform` or a tenant id) soon: a commit has just written entries on them. */
  nudge(chains: Iterable<string>): void {
    if (this.stopped) return;
    for (const chain of chains) this.due.add(chain);
    this.ownContext.runInAsyncScope(() => this.kick());
  }

  /** Resolves once no pass is running or due; for tests and benchmarks that wait for the sealer. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private kick(): void {
    if (this.running || this.stopped || this.due.size === 0) return;
    this.running = new Promise((resolve) => setTimeout(resolve, GATHER_MS))
      .then(() => this.drain())
      .finally(() => {
        this.running = undefined;
        this.kick();
      });
  }

  /** One pass over the chains due; what is nudged meanwhile waits for the next pass. */
  private async drain(): Promise<void> {
    const chains = [...this.due];
    this.due.clear();
    for (const chain of chains) {
      if (this.stopped) return;
      await this.seal(chain);
    }
  }

  private async seal(chain: string): Promise<void> {
    try {
      const { busy, more } = await this.sealer.sealChain(chainTenantId(chain), 'try');
      if (busy) this.later(chain, BUSY_RETRY_MS);
      else if (more) this.due.add(chain); // the next pass goes on, after the other chains due
    } catch (error) {
      this.logger.warn({ err: error, chain }, 'Sealing audit entries failed; trying again');
      this.later(chain, FAILURE_RETRY_MS);
    }
  }

  private later(chain: string, ms: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.retries.delete(timer);
      this.nudge([chain]);
    }, ms);
    timer.unref();
    this.retries.add(timer);
  }

  private async sweep(): Promise<void> {
    if (this.stopped) return;
    try {
      const chains = await this.repository.chainsWithUnsealed(this.env.AUDIT_SEAL_SWEEP_MS);
      this.nudge(chains.map(chainName));
    } catch (error) {
      this.logger.warn({ err: error }, 'Looking for unsealed audit entries failed; the next sweep tries again');
    }
  }
}
