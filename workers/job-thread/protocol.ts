import type { BackboardJobs } from '../../server/adapters/queue/jobs.ts';
import type { CpuJobName } from '../processors/index.ts';

/** What the job thread is started with (its `workerData`): where the board is, what the bands read. */
export interface JobThreadSetup {
  /** The embedded store's SQLite file; the thread opens its own connection to it. */
  file: string;
  /** Whether the salary bands combine the shipped reference survey with the postings. */
  salaryReference: boolean;
}

/** Main thread → job thread. */
export type ToJobThread =
  | {
      type: 'run';
      id: number;
      name: CpuJobName;
      data: BackboardJobs[CpuJobName];
      jobId: string;
      attempt: number;
    }
  | { type: 'close' };

/** Job thread → main thread. */
export type FromJobThread =
  | { type: 'done'; id: number; result: unknown }
  | { type: 'failed'; id: number; message: string; permanent: boolean; stack?: string }
  /** The thread could not start (its store would not open): every job it was given fails with this. */
  | { type: 'fatal'; message: string };
