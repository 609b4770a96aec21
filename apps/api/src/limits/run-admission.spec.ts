// Run admission on a real SQLite store (in memory): the cost budget (422 naming budget and
// cost), the per-token cap on queued + running runs (429) and the queue depth cap (503), each
// with the settings as config/ validates them.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type AppConfig } from '@caretwin/config';
import { planFor } from '@caretwin/runner';
import { MIGRATIONS, migrate, type Db } from '@caretwin/store';
import { buildRegion, condition, resolvedScenario } from '../../../../libs/model/src/testing/region-builder';
import { ActiveRunsRepository } from './active-runs.repository';
import { RunAdmission } from './run-admission';
import type { ApiError } from '../errors/api-error';

// A million people: one replication of a year (365.25 days) costs 1.
const region = buildRegion({
  areas: [{ id: 'A' }],
  municipalities: [{ id: 'm', area: 'A', lat: 38.3, lng: 140.9, population: 1_000_000 }],
  hospitals: [{ id: 'h', area: 'A', municipality: 'm', lat: 38.3, lng: 140.9, beds: { acute: 10 } }],
  conditions: [
    condition({ id: 'c', ratePer100k: 10, phases: [{ id: 'w', function: 'acute', meanDays: 3 }] }),
  ],
});

const settings = (env: Record<string, string>): AppConfig =>
  loadConfig({ env: { DATA_DIR: '/tmp/x', ...env } });

function refusal(fn: () => void): ApiError {
  try {
    fn();
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected a refusal');
}

describe('run admission', () => {
  let db: Db;
  let n = 0;
  const addRun = (state: string, owner: string | null): void => {
    db.prepare(
      `INSERT INTO runs (id, scenario_id, region_id, state, request, input, input_key, plan, seed, replications_planned,
         replications_max, created_at, updated_at, owner)
       VALUES (?, 's', 'r', ?, '{}', '{}', 'k', '{}', 1, 1, 1, 'a', 'a', ?)`,
    ).run(`run-${n++}`, state, owner);
  };
  const admission = (env: Record<string, string>) =>
    new RunAdmission(settings(env), new ActiveRunsRepository(db));

  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db, MIGRATIONS);
  });
  afterEach(() => db.close());

  it('refuses a run over the cost budget with 422 naming the budget and the cost, at replications', () => {
    const year = resolvedScenario(region, { warmupDays: 0.25, horizonDays: 365, replications: 50 });
    const gate = admission({ MAX_RUN_COST: '40' });
    const error = refusal(() => gate.admit('tok', year, planFor(year.scenario, 10)));
    expect(error.status).toBe(422);
    expect(error.code).toBe('RUN_TOO_COSTLY');
    expect(error.message).toContain('costs 50 million person-years');
    expect(error.message).toContain('budget of 40');
    expect(error.message).toContain('MAX_RUN_COST');
    expect(error.issues).toEqual([expect.objectContaining({ path: 'replications' })]);
    // 40 replications fit exactly
    const fits = resolvedScenario(region, { warmupDays: 0.25, horizonDays: 365, replications: 40 });
    expect(() => gate.admit('tok', fits, planFor(fits.scenario, 10))).not.toThrow();
  });

  it('counts a precision run at its most replications and points at precision.max', () => {
    const precise = resolvedScenario(region, {
      warmupDays: 0.25,
      horizonDays: 365,
      precision: { kpi: 'occupancy', halfWidth: 0.01, max: 100 },
    });
    const error = refusal(() =>
      admission({ MAX_RUN_COST: '99' }).admit(null, precise, planFor(precise.scenario, 10)),
    );
    expect(error.code).toBe('RUN_TOO_COSTLY');
    expect(error.issues[0].path).toBe('precision.max');
  });

  it('refuses a token its next run once it has MAX_ACTIVE_RUNS_PER_TOKEN queued or running (429, Retry-After)', () => {
    const small = resolvedScenario(region, { horizonDays: 10 });
    const plan = planFor(small.scenario, 10);
    addRun('queued', 'tok');
    addRun('running', 'tok');
    addRun('completed', 'tok'); // finished runs do not count
    addRun('queued', 'other');
    const gate = admission({ MAX_ACTIVE_RUNS_PER_TOKEN: '2', LIMITS_RETRY_AFTER_S: '7' });
    const error = refusal(() => gate.admit('tok', small, plan));
    expect(error.status).toBe(429);
    expect(error.code).toBe('TOO_MANY_ACTIVE_RUNS');
    expect(error.headers).toEqual({ 'Retry-After': '7' });
    expect(error.message).toContain('2 queued or running');
    expect(() => gate.admit('other', small, plan)).not.toThrow();
  });

  it('answers 503 QUEUE_FULL with Retry-After once MAX_QUEUE_DEPTH runs are queued or running in all', () => {
    const small = resolvedScenario(region, { horizonDays: 10 });
    const plan = planFor(small.scenario, 10);
    for (const owner of ['a', 'b', 'c']) addRun('queued', owner);
    const gate = admission({ MAX_QUEUE_DEPTH: '3', MAX_ACTIVE_RUNS_PER_TOKEN: '3' });
    const error = refusal(() => gate.admit('d', small, plan));
    expect(error.status).toBe(503);
    expect(error.code).toBe('QUEUE_FULL');
    expect(error.headers['Retry-After']).toBe('30');
    expect(error.message).toContain('MAX_QUEUE_DEPTH 3');
  });

  it('has defaults a planner does not meet, and refuses settings that contradict each other at start', () => {
    const limits = settings({}).limits;
    expect(limits).toMatchObject({ maxActiveRunsPerToken: 20, maxQueueDepth: 200, maxRunCost: 10_000 });
    expect(settings({}).retention).toEqual({ days: 90, intervalMs: 3_600_000 });
    expect(() => settings({ MAX_ACTIVE_RUNS_PER_TOKEN: '50', MAX_QUEUE_DEPTH: '10' })).toThrow(
      /MAX_ACTIVE_RUNS_PER_TOKEN \(limits\.maxActiveRunsPerToken\): 50 is more than the queue depth cap/,
    );
    expect(() => settings({ RATE_LIMIT_RUNS: '0' })).toThrow(ConfigError);
    expect(() => settings({ MAX_RUN_COST: 'lots' })).toThrow(/MAX_RUN_COST/);
    expect(() => settings({ RETENTION_DAYS: '-1' })).toThrow(/RETENTION_DAYS/);
  });
});
