import type { PlainTransaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent } from 'typeorm';
import { TransactionRollbackEvent } from 'typeorm/subscriber/event/TransactionRollbackEvent';
import { chainName } from '../audit-chain';
import { AuditSealingLoop } from './audit-sealing.loop';

const CHAINS = 'strataAuditChains';

const chainsOf = (runner: QueryRunner): Set<string> | undefined => runner.data[CHAINS] as Set<string> | undefined;

/**
 * Remembers which chains a transaction wrote entries on, and asks this process's sealer to seal
 * them once the transaction has committed (before, the sealer could not see them yet); nothing on
 * a rollback. The commit never waits for the seal.
 */
@Injectable()
export class SealAfterCommit implements EntitySubscriberInterface {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly loop: AuditSealingLoop,
  ) {
    dataSource.subscribers.push(this);
  }

  /** Call with the manager of the transaction that wrote an entry on the chain of `tenantId`. */
  add(manager: EntityManager, tenantId: string | null): void {
    const runner = manager.queryRunner;
    if (!runner) return;
    const chains = chainsOf(runner) ?? new Set<string>();
    chains.add(chainName(tenantId));
    runner.data[CHAINS] = chains;
  }

  /** The same for a transaction without TypeORM (`SqlDatabase.plainTransaction`). */
  addTo(tx: PlainTransaction, tenantId: string | null): void {
    const chain = chainName(tenantId);
    tx.afterCommit(() => this.loop.nudge([chain]));
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A savepoint released inside the transaction broadcasts this too: wait for the real commit.
    const runner = event.queryRunner;
    const chains = chainsOf(runner);
    if (runner.isTransactionActive || !chains) return;
    delete runner.data[CHAINS];
    this.loop.nudge(chains);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) delete event.queryRunner.data[CHAINS];
  }
}
