import { Env, InjectEnv } from '@app/core';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { chainName, chainTenantId } from '../audit-chain';
import { AuditSealRepository } from './audit-seal.repository';
import { AuditSealer } from './audit-sealer';

/** When another process is sealing a chain: look again this soon, for entries its round did not see. */
const BUSY_RETRY_MS = 20;
/** When sealing failed (the database away): try again this much later. */
const FAILURE_RETRY_MS = 1000;

/**
 * The sealer of this process (API or worker): seals a chain right after a commit wrote entries on
 * it (`nudge`), one round at a time, the nudges that arrive meanwhile folded into the next round;
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
  private sweeping = false;
  private sweepTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @InjectEnv() private readonly env: Pick<Env, 'AUDIT_SEAL_SWEEP_MS'>,
    private readonly sealer: AuditSealer,
    private readonly repository: AuditSealRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.sweepTimer = setInterval(() => void this.sweep(), this.env.AUDIT_SEAL_SWEEP_MS);
    this.sweepTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweepTimer);
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
    await this.running;
  }

  /** Seals these chains (`platform` or a tenant id) soon: a commit has just written entries on them. */
  nudge(chains: Iterable<string>): void {
    if (this.stopped) return;
    for (const chain of chains) this.due.add(chain);
    this.kick();
  }

  /** Resolves once no round is running; for tests and benchmarks that wait for the sealer. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private kick(): void {
    if (this.running || this.stopped || this.due.size === 0) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.due.size > 0 && !this.stopped) {
      const chains = [...this.due];
      this.due.clear();
      for (const chain of chains) await this.seal(chain);
    }
  }

  private async seal(chain: string): Promise<void> {
    try {
      const { busy } = await this.sealer.sealChain(chainTenantId(chain), 'try');
      if (busy) this.later(chain, BUSY_RETRY_MS);
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
    if (this.sweeping || this.stopped) return;
    this.sweeping = true;
    try {
      const chains = await this.repository.chainsWithUnsealed(this.env.AUDIT_SEAL_SWEEP_MS);
      this.nudge(chains.map(chainName));
    } catch (error) {
      this.logger.warn({ err: error }, 'Looking for unsealed audit entries failed; the next sweep tries again');
    } finally {
      this.sweeping = false;
    }
  }
}
