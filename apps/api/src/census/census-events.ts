// In-process news of the census: `stored(dates)` after every request stored, and
// `dayComplete(date)` once a date holds a report from every hospital × function that has beds
// (and again when that day is re-reported). The forecasts listen (the automatic forecast after a
// complete day, the daily cutoff); CensusService fires both after storing a request.
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter } from 'node:events';

type CensusEventName = 'stored' | 'dayComplete';

@Injectable()
export class CensusEvents implements OnApplicationShutdown {
  private readonly emitter = new EventEmitter();

  /** Calls `listener` with each completed date; the returned function unsubscribes. */
  onDayComplete(listener: (date: string) => void): () => void {
    return this.on('dayComplete', listener);
  }

  /** Calls `listener` with the report dates of each request stored; the returned function unsubscribes. */
  onStored(listener: (dates: string[]) => void): () => void {
    return this.on('stored', listener);
  }

  dayComplete(date: string): void {
    this.fire('dayComplete', date);
  }

  stored(dates: string[]): void {
    this.fire('stored', dates);
  }

  onApplicationShutdown(): void {
    this.emitter.removeAllListeners();
  }

  private on<T>(name: CensusEventName, listener: (value: T) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  /** A listener that throws does not stop the others, nor the request that stored the reports. */
  private fire(name: CensusEventName, value: unknown): void {
    for (const listener of this.emitter.listeners(name) as Array<(value: unknown) => void>) {
      try {
        listener(value);
      } catch {
        // the listener's own logging says why; the census request is already stored
      }
    }
  }
}
