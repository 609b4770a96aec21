// Access tokens: a random 32-byte secret shown once, kept only as its SHA-256. The api checks a
// bearer token against this table on every request; `caretwin token` creates, lists and revokes.
// Plain synchronous code over better-sqlite3 (no Nest), so the api and the CLI share it.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './database';

export const TOKEN_ROLES = ['viewer', 'planner', 'admin', 'reporter'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

/** What a token is, without its secret or hash (what `token list` and the api show). */
export interface TokenInfo {
  id: string;
  name: string;
  role: TokenRole;
  hospitals: string[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface NewToken {
  name: string;
  role: TokenRole;
  hospitals?: string[];
  /** ISO time after which the token answers 401; null = never */
  expiresAt?: string | null;
  at: string;
}

export type TokenCheck =
  { ok: true; token: TokenInfo } | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

/** Token secrets start with this, so a leaked one is recognisable (secret scanners, logs). */
export const TOKEN_PREFIX = 'ct_';

export class TokenNameTakenError extends Error {
  constructor(readonly tokenName: string) {
    super(`a token named "${tokenName}" exists (names are never reused, not even after revoke)`);
    this.name = 'TokenNameTakenError';
  }
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

interface TokenRow {
  id: string;
  name: string;
  role: TokenRole;
  hospitals: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

const COLUMNS = 'id, name, role, hospitals, created_at, expires_at, revoked_at';

const toInfo = (row: TokenRow): TokenInfo => ({
  id: row.id,
  name: row.name,
  role: row.role,
  hospitals: JSON.parse(row.hospitals) as string[],
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
});

export class TokensRepository {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      insert: db.prepare<[TokenRow & { hash: string }]>(
        `INSERT INTO tokens (id, name, hash, role, hospitals, created_at, expires_at)
         VALUES (@id, @name, @hash, @role, @hospitals, @created_at, @expires_at)`,
      ),
      byName: db.prepare<[string], TokenRow>(`SELECT ${COLUMNS} FROM tokens WHERE name = ?`),
      byHash: db.prepare<[string], TokenRow>(`SELECT ${COLUMNS} FROM tokens WHERE hash = ?`),
      all: db.prepare<[], TokenRow>(`SELECT ${COLUMNS} FROM tokens ORDER BY created_at, name`),
      revoke: db.prepare<[string, string]>(
        'UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL',
      ),
    };
  }

  /** Stores a new token and answers its secret, which exists nowhere else afterwards. */
  create(token: NewToken): { secret: string; info: TokenInfo } {
    if (this.statements.byName.get(token.name)) throw new TokenNameTakenError(token.name);
    const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const row: TokenRow = {
      id: `tok_${randomBytes(6).toString('hex')}`,
      name: token.name,
      role: token.role,
      hospitals: JSON.stringify(token.hospitals ?? []),
      created_at: token.at,
      expires_at: token.expiresAt ?? null,
      revoked_at: null,
    };
    this.statements.insert.run({ ...row, hash: hashToken(secret) });
    return { secret, info: toInfo(row) };
  }

  list(): TokenInfo[] {
    return this.statements.all.all().map(toInfo);
  }

  byName(name: string): TokenInfo | undefined {
    const row = this.statements.byName.get(name);
    return row && toInfo(row);
  }

  /** Revokes by name; false when no such token or it was already revoked. */
  revoke(name: string, at: string): boolean {
    return this.statements.revoke.run(at, name).changes > 0;
  }

  /** Which token a secret is, if it is one that may act now. */
  check(secret: string, now: Date): TokenCheck {
    const row = this.statements.byHash.get(hashToken(secret));
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.revoked_at !== null) return { ok: false, reason: 'revoked' };
    if (row.expires_at !== null && Date.parse(row.expires_at) <= now.getTime())
      return { ok: false, reason: 'expired' };
    return { ok: true, token: toInfo(row) };
  }
}
