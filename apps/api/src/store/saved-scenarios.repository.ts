// Saved scenarios, versioned: a save never overwrites, it adds version n+1. A what-if that
// extends a saved baseline can pin `id@version`. Statements are prepared once; rows leave this
// file as the camelCase records below.
import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from './store.tokens';
import type { Db } from '@caretwin/store';

export interface SavedScenarioVersion {
  version: number;
  createdAt: string;
}

export interface SavedScenarioRecord extends SavedScenarioVersion {
  id: string;
  /** the scenario as written (JSON or YAML text) */
  document: string;
}

/** The `saved_scenarios` table as SQLite returns it. */
interface SavedScenarioRow {
  id: string;
  version: number;
  document: string;
  created_at: string;
}

const toRecord = (row: SavedScenarioRow): SavedScenarioRecord => ({
  id: row.id,
  version: row.version,
  document: row.document,
  createdAt: row.created_at,
});

function prepareSavedScenarioStatements(db: Db) {
  const statements = {
    lastVersion: db
      .prepare<[string], number | null>('SELECT MAX(version) FROM saved_scenarios WHERE id = ?')
      .pluck(),
    insert: db.prepare<[string, number, string, string, string | null]>(
      'INSERT INTO saved_scenarios (id, version, document, created_at, owner) VALUES (?, ?, ?, ?, ?)',
    ),
    version: db.prepare<[string, number], SavedScenarioRow>(
      'SELECT id, version, document, created_at FROM saved_scenarios WHERE id = ? AND version = ?',
    ),
    latestOf: db.prepare<[string], SavedScenarioRow>(
      'SELECT id, version, document, created_at FROM saved_scenarios WHERE id = ? ORDER BY version DESC LIMIT 1',
    ),
    latest: db.prepare<[], SavedScenarioRow & { versions: number }>(
      `SELECT s.id, s.version, s.document, s.created_at, v.versions
       FROM saved_scenarios s
       JOIN (SELECT id, MAX(version) AS version, COUNT(*) AS versions FROM saved_scenarios GROUP BY id) v
         ON v.id = s.id AND v.version = s.version
       ORDER BY s.id`,
    ),
    owner: db
      .prepare<[string], string | null>(
        'SELECT owner FROM saved_scenarios WHERE id = ? ORDER BY version LIMIT 1',
      )
      .pluck(),
    versions: db.prepare<[string], Pick<SavedScenarioRow, 'version' | 'created_at'>>(
      'SELECT version, created_at FROM saved_scenarios WHERE id = ? ORDER BY version',
    ),
  };
  const save = db.transaction((id: string, document: string, at: string, owner: string | null): number => {
    const version = (statements.lastVersion.get(id) ?? 0) + 1;
    statements.insert.run(id, version, document, at, owner);
    return version;
  });
  return { ...statements, save };
}

@Injectable()
export class SavedScenariosRepository {
  private readonly statements: ReturnType<typeof prepareSavedScenarioStatements>;

  constructor(@Inject(DATABASE) db: Db) {
    this.statements = prepareSavedScenarioStatements(db);
  }

  /** Adds the next version of `id` and answers its number; `owner` is the saving principal's id. */
  save(id: string, document: string, at: string, owner: string | null = null): number {
    return this.statements.save(id, document, at, owner);
  }

  /** Who saved the first version of `id` (null: before access control); undefined when none is saved. */
  ownerOf(id: string): string | null | undefined {
    return this.statements.owner.get(id);
  }

  /** A given version, or the latest when `version` is omitted. */
  get(id: string, version?: number): SavedScenarioRecord | undefined {
    const row =
      version !== undefined ? this.statements.version.get(id, version) : this.statements.latestOf.get(id);
    return row && toRecord(row);
  }

  /** Latest version of every saved scenario, with how many versions it has. */
  latest(): Array<SavedScenarioRecord & { versions: number }> {
    return this.statements.latest.all().map((row) => ({ ...toRecord(row), versions: row.versions }));
  }

  versions(id: string): SavedScenarioVersion[] {
    return this.statements.versions
      .all(id)
      .map(({ version, created_at }) => ({ version, createdAt: created_at }));
  }
}
