// Shutdown coordination: when the process is asked to stop, running replications are told to
// give their job back (moved to wait, to finish on another worker) instead of holding it.
import { Injectable } from '@nestjs/common';
import { hostname } from 'node:os';

@Injectable()
export class WorkerLifecycle {
  private readonly controller = new AbortController();
  /** Identifies this worker process in `execution` blocks and BullMQ's job records. */
  readonly workerId = `${hostname()}-${process.pid}`;

  /** Aborted when replications must hand their jobs back. */
  get stopping(): AbortSignal {
    return this.controller.signal;
  }

  handBackActiveJobs(): void {
    if (!this.controller.signal.aborted) this.controller.abort(new Error('worker shutting down'));
  }
}
