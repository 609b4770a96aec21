// `caretwin token create|list|revoke`: the access tokens of a deployment (AUTH_MODE=tokens),
// written straight into its store under DATA_DIR — beside a running api too (SQLite WAL), which
// checks tokens on every request, so a revoke holds from the api's next request. The secret is
// printed once and only its SHA-256 is kept.
import { Command, InvalidArgumentError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { censusRegion } from '@caretwin/census';
import { loadConfig, resolveDataDir } from '@caretwin/config';
import {
  AuditRepository,
  STORE_FILE,
  TOKEN_ROLES,
  TokenNameTakenError,
  TokensRepository,
  openDatabase,
  type Db,
  type TokenInfo,
} from '@caretwin/store';
import { renderTable } from '../output/table';
import { resolveScenarioArgument } from '../scenario/scenario-argument';

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** '30d', '12h', '90m', '2w' → milliseconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+)\s*([mhdw])$/.exec(value.trim());
  const ms = match ? Number(match[1]) * UNITS[match[2]] : NaN;
  if (!Number.isSafeInteger(ms) || ms <= 0)
    throw new InvalidArgumentError('a duration such as 30d, 12h, 90m or 2w (minutes, hours, days, weeks)');
  return ms;
}

function parseName(value: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/.test(value))
    throw new InvalidArgumentError(
      'letters, digits, ".", "_", "@" and "-", starting with a letter or digit, at most 64 characters',
    );
  return value;
}

interface StoreOptions {
  dataDir?: string;
}

function dataDirOf(options: StoreOptions): string {
  return options.dataDir ?? resolveDataDir({ env: process.env });
}

/** Opens the deployment's store (migrating it, as the api would); `mustExist`: refuse to create one. */
function withStore<T>(options: StoreOptions, mustExist: boolean, use: (db: Db, dataDir: string) => T): T {
  const dataDir = dataDirOf(options);
  if (mustExist && !existsSync(join(dataDir, STORE_FILE)))
    throw new Error(
      `no store at ${join(dataDir, STORE_FILE)}: give the deployment's data directory with --data-dir (or DATA_DIR)`,
    );
  const db = openDatabase(dataDir);
  try {
    return use(db, dataDir);
  } finally {
    db.close();
  }
}

function auditCli(db: Db, action: string, target: string): void {
  const who = `cli:${userInfo().username}`;
  new AuditRepository(db).record({
    at: new Date().toISOString(),
    actorId: who,
    actorName: who,
    role: 'admin',
    action,
    target,
    status: null,
  });
}

const stateOf = (token: TokenInfo, now: number): string =>
  token.revokedAt !== null
    ? 'revoked'
    : token.expiresAt !== null && Date.parse(token.expiresAt) <= now
      ? 'expired'
      : 'active';

function fail(message: string): void {
  process.stderr.write(`caretwin token: ${message}\n`);
  process.exitCode = 1;
}

/**
 * The hospitals a reporter token may name: the census region's (CENSUS_SCENARIO's region, as the
 * api resolves it), by id or 医療機関コード. `all`: every one, e.g. for `caretwin feed`. An id
 * the region does not have is refused here, not found out at the first report.
 */
export function reporterHospitals(asked: readonly string[], all: boolean): string[] {
  const scenario = loadConfig({ env: process.env }).census.scenario;
  const region = censusRegion(resolveScenarioArgument(scenario, {}).resolved.region);
  if (all) return region.hospitals.map((h) => h.id);
  const unknown = asked.filter((a) => !region.byId.has(a) && !region.byCode.has(a));
  if (unknown.length > 0)
    throw new InvalidArgumentError(
      `--hospital: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a hospital' : 'are not hospitals'} of the census region ${region.id} (CENSUS_SCENARIO ${scenario}); give hospital ids such as ${region.hospitals
        .slice(0, 3)
        .map((h) => h.id)
        .join(', ')} or their 10-digit 医療機関コード, or --all-hospitals`,
    );
  return [...asked];
}

const dataDirOption = (): Option =>
  new Option(
    '--data-dir <dir>',
    "the deployment's DATA_DIR (default: DATA_DIR as the api resolves it — the DATA_DIR variable, CONFIG_FILE, else .data under the working directory)",
  );

export function tokenCommand(): Command {
  const token = new Command('token').description(
    'access tokens of a deployment (AUTH_MODE=tokens), kept hashed in DATA_DIR/caretwin.sqlite; works beside a running api',
  );

  token
    .command('create')
    .description('create a token and print it once (only its SHA-256 is stored)')
    .addOption(
      new Option(
        '--role <role>',
        'what it may do: viewer reads; planner saves scenarios, starts and cancels its runs; admin all; reporter posts census reports of its hospitals (--hospital, --all-hospitals) and reads nothing',
      )
        .choices(TOKEN_ROLES)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--name <name>', 'unique name, never reused (shown in owners and the audit log)')
        .argParser(parseName)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--expires <duration>', 'lifetime, e.g. 30d, 12h, 2w (default: never expires)').argParser(
        parseDuration,
      ),
    )
    .addOption(
      new Option(
        '--hospital <id...>',
        'hospitals the token reports for (reporter): ids or 10-digit 医療機関コード of the census region',
      ).conflicts('allHospitals'),
    )
    .addOption(
      new Option(
        '--all-hospitals',
        'every hospital of the census region (reporter), e.g. for `caretwin feed --token` in tokens mode',
      ),
    )
    .addOption(dataDirOption())
    .option('--json', 'print {token, name, role, hospitals, expiresAt, dataDir} as JSON')
    .action(
      (
        options: StoreOptions & {
          role: TokenInfo['role'];
          name: string;
          expires?: number;
          hospital?: string[];
          allHospitals?: boolean;
          json?: boolean;
        },
      ) => {
        try {
          const wantsHospitals = options.hospital !== undefined || options.allHospitals === true;
          if (wantsHospitals && options.role !== 'reporter')
            throw new InvalidArgumentError('--hospital and --all-hospitals are for --role reporter');
          const hospitals = wantsHospitals
            ? reporterHospitals(options.hospital ?? [], options.allHospitals === true)
            : [];
          withStore(options, false, (db, dataDir) => {
            const now = Date.now();
            const { secret, info } = new TokensRepository(db).create({
              name: options.name,
              role: options.role,
              hospitals,
              expiresAt: options.expires !== undefined ? new Date(now + options.expires).toISOString() : null,
              at: new Date(now).toISOString(),
            });
            auditCli(db, 'token.create', info.name);
            if (options.json) {
              const { name, role, hospitals, expiresAt } = info;
              process.stdout.write(
                `${JSON.stringify({ token: secret, name, role, hospitals, expiresAt, dataDir })}\n`,
              );
              return;
            }
            process.stdout.write(`${secret}\n`);
            const shown =
              info.hospitals.length > 5
                ? `${info.hospitals.length} hospitals`
                : `hospitals ${info.hospitals.join(', ')}`;
            process.stderr.write(
              `token "${info.name}" (${info.role}${info.hospitals.length ? `, ${shown}` : ''}) created in ${dataDir}; ${info.expiresAt ? `expires ${info.expiresAt}` : 'never expires'}.\n` +
                'This is the only time it is shown: keep it now. Send it as Authorization: Bearer <token>.\n',
            );
          });
        } catch (error) {
          fail(error instanceof TokenNameTakenError ? error.message : (error as Error).message);
        }
      },
    );

  token
    .command('list')
    .description('list the tokens: name, role, hospitals, created, expires, state (never a secret)')
    .addOption(dataDirOption())
    .option('--json', 'print the tokens as JSON')
    .action((options: StoreOptions & { json?: boolean }) => {
      try {
        withStore(options, true, (db) => {
          const now = Date.now();
          const tokens = new TokensRepository(db).list();
          if (options.json) {
            process.stdout.write(
              `${JSON.stringify(
                tokens.map((t) => ({ ...t, state: stateOf(t, now) })),
                null,
                2,
              )}\n`,
            );
            return;
          }
          if (tokens.length === 0) {
            process.stdout.write(
              'no tokens (create one with `caretwin token create --role admin --name NAME`)\n',
            );
            return;
          }
          process.stdout.write(
            `${renderTable(
              ['name', 'role', 'hospitals', 'created', 'expires', 'state'],
              tokens.map((t) => [
                t.name,
                t.role,
                t.hospitals.join(' ') || '—',
                t.createdAt,
                t.expiresAt ?? 'never',
                stateOf(t, now),
              ]),
              { leftColumns: 6 },
            ).join('\n')}\n`,
          );
        });
      } catch (error) {
        fail((error as Error).message);
      }
    });

  token
    .command('revoke')
    .argument('<name>', 'the token to revoke')
    .description("revoke a token: from the api's next request on it answers 401 (the name stays taken)")
    .addOption(dataDirOption())
    .action((name: string, options: StoreOptions) => {
      try {
        withStore(options, true, (db) => {
          const tokens = new TokensRepository(db);
          const known = tokens.byName(name);
          if (!known) return fail(`no token named "${name}"`);
          if (!tokens.revoke(name, new Date().toISOString()))
            return fail(`token "${name}" was already revoked (${known.revokedAt})`);
          auditCli(db, 'token.revoke', name);
          process.stdout.write(`token "${name}" revoked\n`);
        });
      } catch (error) {
        fail((error as Error).message);
      }
    });

  return token;
}
