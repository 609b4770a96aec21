// Reads config/default.yaml, an optional CONFIG_FILE overlay and the environment, validates the
// lot once and answers one frozen AppConfig. Every bad value is reported together.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ENV_VARIABLES, configSchema, type ConfigInput } from './schema';

/** Repository root: config/src or config/dist → two levels up. */
export const REPOSITORY_ROOT = resolve(__dirname, '..', '..');
const DEFAULTS_FILE = join(REPOSITORY_ROOT, 'config', 'default.yaml');

/** The validated settings with paths made absolute and derived values filled in. */
export interface AppConfig extends ConfigInput {
  redis: ConfigInput['redis'] & {
    /** BULLMQ_PREFIX as given, or caretwin-<hash of the data dir>. */
    prefix: string;
    /** true when the prefix was derived rather than set */
    prefixDerived: boolean;
  };
  worker: ConfigInput['worker'] & {
    /** threads with 0 replaced by the number of CPU cores */
    threads: number;
  };
  log: ConfigInput['log'] & {
    /** LOG_FORMAT with auto resolved: pretty when standard output is a terminal, else json */
    format: 'pretty' | 'json';
  };
}

/** Lists every bad setting, each with where it came from, so one restart fixes them all. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration (${problems.length} setting${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`,
    );
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  /** The environment to read (process.env at the entry points; tests pass their own). */
  env: Readonly<Record<string, string | undefined>>;
  /** Working directory that relative DATA_DIR is taken against (default process.cwd()). */
  cwd?: string;
  /** Whether standard output is a terminal, which LOG_FORMAT=auto follows (default process.stdout.isTTY). */
  stdoutIsTTY?: boolean;
}

type Tree = Record<string, unknown>;

function setPath(tree: Tree, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = tree;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Tree;
  }
  node[keys[keys.length - 1]] = value;
}

function deepMerge(base: Tree, overlay: Tree): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const prior = out[key];
    const bothObjects =
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      typeof prior === 'object' &&
      prior !== null &&
      !Array.isArray(prior);
    out[key] = bothObjects ? deepMerge(prior as Tree, value as Tree) : value;
  }
  return out;
}

function readYamlTree(file: string, problems: string[]): Tree {
  try {
    const parsed: unknown = parseYaml(readFileSync(file, 'utf8'));
    if (parsed === null || parsed === undefined) return {};
    if (typeof parsed !== 'object' || Array.isArray(parsed)) {
      problems.push(`${file}: must be a mapping of settings`);
      return {};
    }
    return parsed as Tree;
  } catch (error) {
    problems.push(`${file}: ${(error as Error).message}`);
    return {};
  }
}

/** Derives the BullMQ prefix from the data dir so two deployments on one Redis never collide. */
export function derivePrefix(absoluteDataDir: string): string {
  return `caretwin-${createHash('sha256').update(absoluteDataDir).digest('hex').slice(0, 12)}`;
}

/** LOG_FORMAT=auto: readable lines for a person at a terminal, JSON for whatever collects the output. */
function resolveLogFormat(format: ConfigInput['log']['format'], stdoutIsTTY: boolean): 'pretty' | 'json' {
  if (format !== 'auto') return format;
  return stdoutIsTTY ? 'pretty' : 'json';
}

/**
 * DATA_DIR as loadConfig resolves it (default.yaml, the CONFIG_FILE overlay, then DATA_DIR;
 * relative to cwd), without validating the other settings: the CLI's store commands
 * (`caretwin token …`) reach a deployment's store with only this.
 */
export function resolveDataDir(options: Pick<LoadConfigOptions, 'env' | 'cwd'>): string {
  const { env } = options;
  const cwd = options.cwd ?? process.cwd();
  const problems: string[] = [];
  let tree = readYamlTree(DEFAULTS_FILE, problems);
  if (env.CONFIG_FILE) tree = deepMerge(tree, readYamlTree(resolve(cwd, env.CONFIG_FILE), problems));
  const dataDir = env.DATA_DIR || tree.dataDir;
  if (typeof dataDir !== 'string' || dataDir === '')
    throw new ConfigError([...problems, 'DATA_DIR (dataDir): must be a non-empty path']);
  return isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir);
}

export function loadConfig(options: LoadConfigOptions): AppConfig {
  const { env } = options;
  const cwd = options.cwd ?? process.cwd();
  const problems: string[] = [];

  let tree = readYamlTree(DEFAULTS_FILE, problems);
  const overlayFile = env.CONFIG_FILE;
  if (overlayFile) tree = deepMerge(tree, readYamlTree(resolve(cwd, overlayFile), problems));

  // Which source set each path, so an error names the variable the operator actually used.
  const sourceOf = new Map<string, string>();
  for (const [variable, path] of Object.entries(ENV_VARIABLES)) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    setPath(tree, path, value);
    sourceOf.set(path, variable);
  }

  const parsed = configSchema.safeParse(tree);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      // a list's item (access.allowedOrigins.0) names the variable that set the list
      const source = issue.path
        .map((_, i) =>
          sourceOf.get(
            issue.path
              .slice(0, issue.path.length - i)
              .map(String)
              .join('.'),
          ),
        )
        .find((found) => found !== undefined);
      const where = source ? `${source} (${path})` : path || '(root)';
      problems.push(`${where}: ${issue.message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const input = (parsed as { data: ConfigInput }).data;

  const dataDir = isAbsolute(input.dataDir) ? input.dataDir : resolve(cwd, input.dataDir);
  const fromRoot = (p: string): string => (isAbsolute(p) ? p : resolve(REPOSITORY_ROOT, p));
  const config: AppConfig = {
    ...input,
    dataDir,
    scenarios: {
      ...input.scenarios,
      shippedDir: fromRoot(input.scenarios.shippedDir),
      regionsDir: fromRoot(input.scenarios.regionsDir),
    },
    redis: {
      ...input.redis,
      prefix: input.redis.prefix || derivePrefix(dataDir),
      prefixDerived: !input.redis.prefix,
    },
    worker: { ...input.worker, threads: input.worker.threads || availableParallelism() },
    log: {
      ...input.log,
      format: resolveLogFormat(input.log.format, options.stdoutIsTTY ?? process.stdout.isTTY === true),
    },
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
