// Saved scenarios, versioned: a save never overwrites, it adds version n+1. A what-if that
// extends a saved baseline can pin `id@version`.
import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from './store.tokens';
import type { Db } from './database';

export interface SavedScenarioRow {
  id: string;
  version: number;
  document: string;
  created_at: string;
}

@Injectable()
export class SavedScenariosRepository {
  constructor(@Inject(DATABASE) private readonly db: Db) {}

  /** Adds the next version of `id` and answers its number. */
  save(id: string, document: string, at: string): number {
    return this.db.transaction(() => {
      const version =
        ((this.db.prepare('SELECT MAX(version) FROM saved_scenarios WHERE id = ?').pluck().get(id) as
          number | null) ?? 0) + 1;
      this.db
        .prepare('INSERT INTO saved_scenarios (id, version, document, created_at) VALUES (?, ?, ?, ?)')
        .run(id, version, document, at);
      return version;
    })();
  }

  /** A given version, or the latest when `version` is omitted. */
  get(id: string, version?: number): SavedScenarioRow | undefined {
    if (version !== undefined)
      return this.db
        .prepare('SELECT * FROM saved_scenarios WHERE id = ? AND version = ?')
        .get(id, version) as SavedScenarioRow | undefined;
    return this.db
      .prepare('SELECT * FROM saved_scenarios WHERE id = ? ORDER BY version DESC LIMIT 1')
      .get(id) as SavedScenarioRow | undefined;
  }

  /** Latest version of every saved scenario, with how many versions it has. */
  latest(): Array<SavedScenarioRow & { versions: number }> {
    return this.db
      .prepare(
        `SELECT s.id, s.version, s.document, s.created_at, v.versions
         FROM saved_scenarios s
         JOIN (SELECT id, MAX(version) AS version, COUNT(*) AS versions FROM saved_scenarios GROUP BY id) v
           ON v.id = s.id AND v.version = s.version
         ORDER BY s.id`,
      )
      .all() as Array<SavedScenarioRow & { versions: number }>;
  }

  versions(id: string): Array<{ version: number; created_at: string }> {
    return this.db
      .prepare('SELECT version, created_at FROM saved_scenarios WHERE id = ? ORDER BY version')
      .all(id) as Array<{
      version: number;
      created_at: string;
    }>;
  }
}
