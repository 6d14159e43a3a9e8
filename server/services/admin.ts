import { randomUUID } from 'node:crypto';
import type { JobQueue } from '../adapters/queue/port.ts';
import type { Store } from '../adapters/store/port.ts';
import { JOB_NAMES, type BackboardJobs } from '../adapters/queue/jobs.ts';

export type OperationKind = 'reindex' | 'rematch';

export interface Operation {
  id: string;
  kind: OperationKind;
  status: 'running' | 'done' | 'failed';
  /** Entities to enqueue, and how many are enqueued so far. */
  total: number;
  enqueued: number;
  error?: string;
  startedAt: string;
  finishedAt?: string;
}

const SCAN_BATCH = 500;
const operationKey = (id: string) => `operation:${id}`;

/** Admin actions: queue health, and full re-index / re-match as tracked operations. */
export function createAdminService(store: Store, queue: JobQueue<BackboardJobs>) {
  async function save(operation: Operation) {
    await store.documents.put(operationKey(operation.id), operation);
  }

  async function runOperation(operation: Operation) {
    const suffix = operation.id.slice(0, 8);
    try {
      if (operation.kind === 'reindex') {
        // Every listing, open or closed, so closed ones leave the index too.
        for await (const batch of store.listings.scan(SCAN_BATCH)) {
          for (const listing of batch) {
            await queue.enqueue(
              'index',
              { listingId: listing.id, version: listing.version },
              { jobId: `${listing.id}-v${listing.version}-${suffix}` },
            );
          }
          operation.enqueued += batch.length;
          await save(operation);
        }
      } else {
        for await (const batch of store.listings.scan(SCAN_BATCH, { status: 'open' })) {
          for (const listing of batch) {
            await queue.enqueue(
              'match-listing',
              { listingId: listing.id, version: listing.version },
              { jobId: `${listing.id}-v${listing.version}-${suffix}` },
            );
          }
          operation.enqueued += batch.length;
          await save(operation);
        }
        for await (const batch of store.profiles.scan(SCAN_BATCH)) {
          for (const profile of batch) {
            await queue.enqueue(
              'match-profile',
              { profileId: profile.id, version: profile.version },
              { jobId: `${profile.id}-v${profile.version}-${suffix}` },
            );
          }
          operation.enqueued += batch.length;
          await save(operation);
        }
      }
      operation.status = 'done';
    } catch (error) {
      operation.status = 'failed';
      operation.error = (error as Error).message;
    }
    operation.finishedAt = new Date().toISOString();
    await save(operation);
  }

  return {
    async queues() {
      const counts = await queue.counts();
      const failed = (await Promise.all(JOB_NAMES.map((name) => queue.failed(name, 5)))).flat();
      return { adapter: queue.kind, counts, failed };
    },

    /** Starts the operation and answers at once; progress is read with `operation(id)`. */
    async start(kind: OperationKind): Promise<Operation> {
      const total =
        kind === 'reindex'
          ? await store.listings.count()
          : (await store.listings.count({ status: 'open' })) + (await store.profiles.count());
      const operation: Operation = {
        id: randomUUID(),
        kind,
        status: 'running',
        total,
        enqueued: 0,
        startedAt: new Date().toISOString(),
      };
      await save(operation);
      void runOperation(operation);
      return operation;
    },

    async operation(id: string): Promise<Operation | null> {
      return store.documents.get<Operation>(operationKey(id));
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
