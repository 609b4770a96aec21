// In-process news of the census: `dayComplete(date)` once a date holds a report from every
// hospital × function that has beds (and again when that day is re-reported). The forecast
// (H2) listens to start its job; CensusService fires it after storing a request.
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter } from 'node:events';

@Injectable()
export class CensusEvents implements OnApplicationShutdown {
  private readonly emitter = new EventEmitter();

  /** Calls `listener` with each completed date; the returned function unsubscribes. */
  onDayComplete(listener: (date: string) => void): () => void {
    this.emitter.on('dayComplete', listener);
    return () => this.emitter.off('dayComplete', listener);
  }

  /** A listener that throws does not stop the others, nor the request that completed the day. */
  dayComplete(date: string): void {
    for (const listener of this.emitter.listeners('dayComplete') as Array<(date: string) => void>) {
      try {
        listener(date);
      } catch {
        // the listener's own logging says why; the census request is already stored
      }
    }
  }

  onApplicationShutdown(): void {
    this.emitter.removeAllListeners();
  }
}
