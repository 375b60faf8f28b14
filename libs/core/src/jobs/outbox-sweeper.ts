import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Env } from '../config/env.schema';
import { InjectEnv } from '../config/env.token';
import { JobOutbox } from './job-outbox';

/** Jobs dispatched per sweep at most; the next sweep takes the rest. */
const SWEEP_LIMIT = 500;

/**
 * Every OUTBOX_SWEEP_INTERVAL_SECONDS, dispatches the jobs left in the outbox for more than
 * OUTBOX_GRACE_SECONDS (their process died between commit and dispatch, or Redis was down).
 * Runs in every worker; concurrent sweeps skip each other's rows.
 */
@Injectable()
export class OutboxSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @InjectEnv() private readonly env: Env,
    private readonly outbox: JobOutbox,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep().finally(() => (this.running = undefined));
    }, this.env.OUTBOX_SWEEP_INTERVAL_SECONDS * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async sweep(): Promise<void> {
    try {
      const dispatched = await this.outbox.sweep(this.env.OUTBOX_GRACE_SECONDS, SWEEP_LIMIT);
      if (dispatched > 0) this.logger.warn({ dispatched }, `Dispatched ${dispatched} job(s) left in the outbox`);
    } catch (error) {
      this.logger.warn({ err: error }, 'Outbox sweep failed; the next one tries again');
    }
  }
}
