import { Module } from '@nestjs/common';
import { OutboxSweeper } from './outbox-sweeper';

/** The worker's outbox sweeper (`JobOutbox` itself comes from the global `QueueModule`). */
@Module({ providers: [OutboxSweeper] })
export class OutboxSweeperModule {}
