// The shared store package on a real SQLite database (in memory): tokens kept only as hashes,
// checked for expiry and revocation, names never reused; the audit log newest first; owners.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditRepository, MIGRATIONS, TokensRepository, hashToken, migrate, type Db } from './index';

describe('the store package', () => {
  let db: Db;

  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db, MIGRATIONS);
  });

  afterEach(() => db.close());

  it('keeps only the SHA-256 of a token, never the token itself', () => {
    const tokens = new TokensRepository(db);
    const { secret, info } = tokens.create({
      name: 'ward-a',
      role: 'planner',
      at: '2026-01-01T00:00:00.000Z',
    });
    expect(secret).toMatch(/^ct_[A-Za-z0-9_-]{43}$/);
    const stored = JSON.stringify(db.prepare('SELECT * FROM tokens').all());
    expect(stored).not.toContain(secret);
    expect(stored).toContain(hashToken(secret));
    expect(info).toMatchObject({
      name: 'ward-a',
      role: 'planner',
      hospitals: [],
      expiresAt: null,
      revokedAt: null,
    });
  });

  it('answers which token a secret is, and refuses unknown, expired and revoked ones', () => {
    const tokens = new TokensRepository(db);
    const now = new Date('2026-01-10T00:00:00.000Z');
    const live = tokens.create({
      name: 'live',
      role: 'viewer',
      hospitals: ['h1'],
      at: '2026-01-01T00:00:00.000Z',
    });
    const old = tokens.create({
      name: 'old',
      role: 'viewer',
      at: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-05T00:00:00.000Z',
    });
    const gone = tokens.create({ name: 'gone', role: 'admin', at: '2026-01-01T00:00:00.000Z' });
    expect(tokens.revoke('gone', '2026-01-02T00:00:00.000Z')).toBe(true);
    expect(tokens.revoke('gone', '2026-01-03T00:00:00.000Z')).toBe(false);

    const ok = tokens.check(live.secret, now);
    expect(ok.ok && ok.token).toMatchObject({ name: 'live', role: 'viewer', hospitals: ['h1'] });
    expect(tokens.check(old.secret, now)).toEqual({ ok: false, reason: 'expired' });
    expect(tokens.check(gone.secret, now)).toEqual({ ok: false, reason: 'revoked' });
    expect(tokens.check(`${live.secret}x`, now)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('never reuses a token name, not even after revoke', () => {
    const tokens = new TokensRepository(db);
    tokens.create({ name: 'a', role: 'viewer', at: '2026-01-01T00:00:00.000Z' });
    tokens.revoke('a', '2026-01-02T00:00:00.000Z');
    expect(() => tokens.create({ name: 'a', role: 'viewer', at: '2026-01-03T00:00:00.000Z' })).toThrow(
      /named "a" exists/,
    );
  });

  it('refuses a role the access model does not know', () => {
    expect(() =>
      db
        .prepare(
          "INSERT INTO tokens (id, name, hash, role, created_at) VALUES ('t', 'n', 'h', 'root', 'now')",
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
  });

  it('lists the audit log newest first with its total', () => {
    const audit = new AuditRepository(db);
    for (const action of ['POST /api/runs', 'DELETE /api/runs/:id', 'token.create'])
      audit.record({
        at: '2026-01-01T00:00:00.000Z',
        actorId: 'open',
        actorName: 'open',
        role: 'admin',
        action,
        target: 'x',
        status: null,
      });
    const page = audit.list({ limit: 2, offset: 0 });
    expect(page.total).toBe(3);
    expect(page.items.map((e) => e.action)).toEqual(['token.create', 'DELETE /api/runs/:id']);
  });

  it('gives runs and saved scenarios an owner column', () => {
    const columns = (table: string) =>
      (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    expect(columns('runs')).toContain('owner');
    expect(columns('saved_scenarios')).toContain('owner');
  });
});
