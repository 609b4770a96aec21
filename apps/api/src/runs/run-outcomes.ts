// In-process notice that a run has ended (stored as completed, failed or cancelled), for the
// live fan-out to send the end event (and the progress recorder to stop). Kept apart from the lifecycle so the live module depends on
// runs and never the other way round.
import { Injectable } from '@nestjs/common';
import type { RunEndEvent } from '@caretwin/contracts';

export interface RunEnded {
  runId: string;
  state: RunEndEvent['state'];
  reason?: string;
}

@Injectable()
export class RunOutcomes {
  private readonly listeners = new Set<(ended: RunEnded) => void>();

  /** Answers a function that removes the listener. */
  onEnded(listener: (ended: RunEnded) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  ended(ended: RunEnded): void {
    for (const listener of this.listeners) listener(ended);
  }
}
