import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config/src/load';

describe('loadConfig', () => {
  it('answers the documented defaults when the environment sets nothing', () => {
    const config = loadConfig({ env: {}, cwd: '/srv/caretwin' });
    expect(config.http).toEqual({
      host: '127.0.0.1',
      port: 3000,
      bodyLimitBytes: 1048576,
      importBodyLimitBytes: 64 * 1024 * 1024,
    });
    expect(config.dataDir).toBe('/srv/caretwin/.data');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.worker.threads).toBeGreaterThanOrEqual(1);
  });

  it('derives a different BullMQ prefix for each data dir, without ":"', () => {
    const a = loadConfig({ env: { DATA_DIR: '/data/a' } });
    const b = loadConfig({ env: { DATA_DIR: '/data/b' } });
    expect(a.redis.prefix).toMatch(/^caretwin-[0-9a-f]{12}$/);
    expect(a.redis.prefix).not.toBe(b.redis.prefix);
    expect(a.redis.prefixDerived).toBe(true);
    expect(loadConfig({ env: { DATA_DIR: '/data/a' } }).redis.prefix).toBe(a.redis.prefix);
  });

  it('takes an explicit BULLMQ_PREFIX and numbers from the environment', () => {
    const config = loadConfig({ env: { BULLMQ_PREFIX: 'ct-test', PORT: '4100', WORKER_THREADS: '2' } });
    expect(config.redis.prefix).toBe('ct-test');
    expect(config.redis.prefixDerived).toBe(false);
    expect(config.http.port).toBe(4100);
    expect(config.worker.threads).toBe(2);
  });

  it('names every bad setting in one error, by the variable that set it', () => {
    let caught: unknown;
    try {
      loadConfig({
        env: { PORT: 'eighty', REDIS_URL: 'localhost:6379', BULLMQ_PREFIX: 'a:b', LOG_LEVEL: 'loud' },
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    for (const variable of ['PORT', 'REDIS_URL', 'BULLMQ_PREFIX', 'LOG_LEVEL'])
      expect(problems).toContain(variable);
    expect((caught as ConfigError).problems).toHaveLength(4);
  });

  it('takes a larger body limit for workshop imports, within its bound', () => {
    expect(loadConfig({ env: { IMPORT_BODY_LIMIT_BYTES: '1000000' } }).http.importBodyLimitBytes).toBe(
      1000000,
    );
    expect(() => loadConfig({ env: { IMPORT_BODY_LIMIT_BYTES: String(1024 ** 3) } })).toThrow(
      /IMPORT_BODY_LIMIT_BYTES/,
    );
  });

  it('runs the model’s threads at nice 10 unless WORKER_NICE says otherwise, within 0–19', () => {
    expect(loadConfig({ env: {} }).worker.nice).toBe(10);
    expect(loadConfig({ env: { WORKER_NICE: '0' } }).worker.nice).toBe(0);
    expect(() => loadConfig({ env: { WORKER_NICE: '20' } })).toThrow(/WORKER_NICE/);
    expect(() => loadConfig({ env: { WORKER_NICE: '-5' } })).toThrow(/WORKER_NICE/);
  });

  it('overlays a CONFIG_FILE and refuses keys the schema does not know', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caretwin-config-'));
    const file = join(dir, 'local.yaml');
    writeFileSync(file, 'http:\n  port: 3100\nworker:\n  thread: 4\n');
    expect(() => loadConfig({ env: { CONFIG_FILE: file } })).toThrow(/worker/);
    writeFileSync(file, 'http:\n  port: 3100\n');
    expect(loadConfig({ env: { CONFIG_FILE: file } }).http.port).toBe(3100);
  });

  it('returns a frozen object so no part of the service can change a setting', () => {
    const config = loadConfig({ env: {} });
    expect(Object.isFrozen(config.http)).toBe(true);
  });
});

describe('live progress settings', () => {
  it('default to at most 8 messages a second per run, each within 64 KiB', () => {
    const { live } = loadConfig({ env: {} });
    expect(live).toEqual({ minIntervalMs: 125, maxMessageBytes: 65536, retentionS: 86400 });
  });

  it('refuse more than 10 messages a second and messages over 64 KiB', () => {
    let caught: unknown;
    try {
      loadConfig({ env: { LIVE_MIN_INTERVAL_MS: '50', LIVE_MAX_MESSAGE_BYTES: '100000' } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    expect(problems).toContain('LIVE_MIN_INTERVAL_MS');
    expect(problems).toContain('LIVE_MAX_MESSAGE_BYTES');
  });
});

describe('test-only fault injection', () => {
  it('is refused outside NODE_ENV=test and accepted in tests', () => {
    expect(() => loadConfig({ env: { FAULTS_FAIL_REPLICATION: '3' } })).toThrow(
      /FAULTS_FAIL_REPLICATION.*test-only/,
    );
    expect(
      loadConfig({ env: { FAULTS_FAIL_REPLICATION: '3', NODE_ENV: 'test' } }).faults.failReplication,
    ).toBe(3);
    expect(loadConfig({ env: {} }).faults.failReplication).toBe(-1);
  });
});

describe('log format (LOG_FORMAT)', () => {
  it('is pretty on a terminal and JSON otherwise when left to auto', () => {
    expect(loadConfig({ env: {}, stdoutIsTTY: true }).log.format).toBe('pretty');
    expect(loadConfig({ env: {}, stdoutIsTTY: false }).log.format).toBe('json');
  });

  it('takes pretty or json as asked, whatever standard output is', () => {
    expect(loadConfig({ env: { LOG_FORMAT: 'json' }, stdoutIsTTY: true }).log.format).toBe('json');
    expect(loadConfig({ env: { LOG_FORMAT: 'pretty' }, stdoutIsTTY: false }).log.format).toBe('pretty');
  });

  it('refuses any other value with an error naming LOG_FORMAT and the values it takes', () => {
    let caught: unknown;
    try {
      loadConfig({ env: { LOG_FORMAT: 'text' } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual([
      'LOG_FORMAT (log.format): must be pretty, json or auto (auto: pretty when standard output is a terminal, else json)',
    ]);
  });
});
