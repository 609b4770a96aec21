// BullMQ waits for a connection before running a command, so while Redis is away a call would
// hang; the api never lets a request or a reconcile pass wait longer than this.
export class RedisUnavailableError extends Error {
  constructor(what: string, ms: number) {
    super(`Redis did not answer within ${ms} ms (${what})`);
    this.name = 'RedisUnavailableError';
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisUnavailableError(what, ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
