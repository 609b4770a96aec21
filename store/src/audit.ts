// The audit log: every write, by whom, when, on what. Appended by the api after each write
// request and by the CLI's token commands; read by admins at GET /api/audit.
import type { Db } from './database';

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string;
  actorName: string;
  role: string;
  /** e.g. 'POST /api/runs', 'DELETE /api/runs/:id', 'token.create' */
  action: string;
  /** the run id, scenario id or token name acted on, when there is one */
  target: string | null;
  /** HTTP status answered; null for CLI actions */
  status: number | null;
}

export type NewAuditEntry = Omit<AuditEntry, 'seq'>;

interface AuditRow {
  seq: number;
  at: string;
  actor_id: string;
  actor_name: string;
  role: string;
  action: string;
  target: string | null;
  status: number | null;
}

const toEntry = (row: AuditRow): AuditEntry => ({
  seq: row.seq,
  at: row.at,
  actorId: row.actor_id,
  actorName: row.actor_name,
  role: row.role,
  action: row.action,
  target: row.target,
  status: row.status,
});

export class AuditRepository {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      insert: db.prepare<[NewAuditEntry]>(
        `INSERT INTO audit_log (at, actor_id, actor_name, role, action, target, status)
         VALUES (@at, @actorId, @actorName, @role, @action, @target, @status)`,
      ),
      page: db.prepare<[{ limit: number; offset: number }], AuditRow>(
        'SELECT * FROM audit_log ORDER BY seq DESC LIMIT @limit OFFSET @offset',
      ),
      count: db.prepare<[], number>('SELECT COUNT(*) FROM audit_log').pluck(),
    };
  }

  record(entry: NewAuditEntry): void {
    this.statements.insert.run(entry);
  }

  /** Newest first. */
  list(query: { limit: number; offset: number }): { items: AuditEntry[]; total: number } {
    return {
      items: this.statements.page.all(query).map(toEntry),
      total: this.statements.count.get() ?? 0,
    };
  }
}
