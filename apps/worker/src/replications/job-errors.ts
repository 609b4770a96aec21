// Why a job of this worker stops, as classes checked with instanceof on this side of the queue.
// Across the queue BullMQ keeps only the message (failedReason), so each message that a reader
// may compare is a constant of the queue contract (@caretwin/runner), never a literal here.
import { UnrecoverableError } from 'bullmq';
import { RUN_CANCELLED_REASON } from '@caretwin/runner';

/** The run was cancelled (its flag is set in Redis): never retried, and no fault of this worker. */
export class RunCancelledError extends UnrecoverableError {
  constructor() {
    super(RUN_CANCELLED_REASON);
    this.name = 'RunCancelledError';
  }
}
