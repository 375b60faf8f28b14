import { getQueueToken } from '@nestjs/bull';
import { ModuleRef } from '@nestjs/core';
import type { JobOptions, Queue } from 'bull';
import { withTimeout } from '../async/with-timeout';
import { QueueName } from './queue-names';

/** How long handing a job to Redis may take before the caller gives up. */
export const DISPATCH_TIMEOUT_MS = 5000;

/** What Bull needs to run a job row: the row's id becomes the Bull job's id. */
export interface DispatchableJob {
  id: string;
  queue: string;
  name: string;
  data: Record<string, unknown>;
}

export function queueOf(moduleRef: ModuleRef, name: QueueName): Queue {
  return moduleRef.get<Queue>(getQueueToken(name), { strict: false });
}

/**
 * Adds the job to Bull under the row's id, which makes adding it twice harmless: Bull keeps one
 * job per id. Rejects when Redis does not take it within DISPATCH_TIMEOUT_MS.
 */
export async function addToQueue(queue: Queue, job: DispatchableJob, options?: JobOptions): Promise<void> {
  await withTimeout(
    queue.add(job.name, { ...job.data, jobId: job.id }, { ...options, jobId: job.id }),
    DISPATCH_TIMEOUT_MS,
    'Queueing the job',
  );
}
