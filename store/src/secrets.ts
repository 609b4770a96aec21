// Named secrets kept in the store (migration 9): made once by whichever api instance needs one
// first, then the same for every instance on this store (e.g. the key that signs print links).
import { randomBytes } from 'node:crypto';
import type { Db } from './database';

export class SecretsRepository {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      put: db.prepare<[string, string, string]>(
        'INSERT OR IGNORE INTO secrets (name, value, created_at) VALUES (?, ?, ?)',
      ),
      get: db.prepare<[string], string>('SELECT value FROM secrets WHERE name = ?').pluck(),
    };
  }

  /** The secret `name` (32 random bytes, base64url), made now when it is not there yet. */
  secret(name: string): string {
    const held = this.s.get.get(name);
    if (held) return held;
    this.s.put.run(name, randomBytes(32).toString('base64url'), new Date().toISOString());
    return this.s.get.get(name) as string;
  }
}
