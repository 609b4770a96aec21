import { describe, expect, it } from 'vitest';
import {
  aggregateJobId,
  cancelFlagKey,
  packJson,
  parseJobId,
  replicationJobId,
  unpackJson,
  unpackJsonText,
  type PackedJson,
} from './jobs';
import { firstRound, maxReplications, planFor } from './rounds';

const runId = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('job ids of a run', () => {
  it('derive from the run id and replication index, contain no ":" and parse back', () => {
    const ids = [aggregateJobId(runId), replicationJobId(runId, 0), replicationJobId(runId, 17)];
    for (const id of ids) expect(id).not.toContain(':');
    expect(ids.map(parseJobId)).toEqual([
      { runId, kind: 'aggregate' },
      { runId, kind: 'replication', replicationIndex: 0 },
      { runId, kind: 'replication', replicationIndex: 17 },
    ]);
    expect(parseJobId('42')).toBeNull();
  });

  it('put the cancel flag under the deployment prefix', () => {
    expect(cancelFlagKey('caretwin-abc', runId)).toBe(`caretwin-abc:caretwin:cancel:${runId}`);
  });
});

describe('the replication plan', () => {
  it('runs every replication of a fixed run in one round', () => {
    const plan = planFor({ replications: 5 }, 10);
    expect(plan).toEqual({ mode: 'fixed', replications: 5 });
    expect(firstRound(plan)).toEqual([0, 1, 2, 3, 4]);
  });

  it('starts a precision run with one round and never plans beyond its max', () => {
    const plan = planFor({ replications: 5, precision: { kpi: 'refusals', halfWidth: 1, max: 7 } }, 4);
    expect(firstRound(plan)).toEqual([0, 1, 2, 3]);
    expect(maxReplications(plan)).toBe(7);
    expect(
      firstRound(planFor({ replications: 5, precision: { kpi: 'refusals', halfWidth: 1, max: 3 } }, 4)),
    ).toEqual([0, 1, 2]);
  });
});

describe('packed job results', () => {
  it('give back exactly the JSON text that went in', () => {
    const value = {
      kpis: { a: 0.1 + 0.2, b: -0, c: 1e-300 },
      series: Array.from({ length: 1000 }, (_, i) => i / 7),
    };
    const packed = JSON.parse(JSON.stringify(packJson(value))) as PackedJson<typeof value>;
    expect(unpackJsonText(packed)).toBe(JSON.stringify(value));
    expect(unpackJson(packed)).toEqual(JSON.parse(JSON.stringify(value)));
    expect(packed.data.length).toBeLessThan(packed.bytes);
  });
});
