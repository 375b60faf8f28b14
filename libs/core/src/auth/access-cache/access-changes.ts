import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { TransactionRollbackEvent } from 'typeorm/subscriber/event/TransactionRollbackEvent';
import { AccessCacheVersion } from './access-cache-version';

const CHANGED = 'strataAccessChanged';

/**
 * How a write tells the access caches that it changed a user, a membership or a tenant. Inside a
 * transaction the shared version is bumped after the commit (bumped before, a concurrent request
 * could cache the old rows under the new version), and not at all on a rollback.
 */
@Injectable()
export class AccessChanges implements EntitySubscriberInterface {
  constructor(
    private readonly version: AccessCacheVersion,
    @InjectDataSource() dataSource: DataSource,
  ) {
    dataSource.subscribers.push(this);
  }

  /** Call with the manager of the write, after the write. */
  async changed(manager: EntityManager): Promise<void> {
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) runner.data[CHANGED] = true;
    else await this.version.bump();
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    if (!event.queryRunner.data[CHANGED]) return;
    delete event.queryRunner.data[CHANGED];
    await this.version.bump();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    delete event.queryRunner.data[CHANGED];
  }
}
