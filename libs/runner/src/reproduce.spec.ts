import { describe, expect, it } from 'vitest';
import { MODEL_VERSION, runReplication } from '@caretwin/model';
import type { ReplicationResult } from '@caretwin/contracts';
import type { ResolvedScenario } from '@caretwin/scenario';
import { buildRegion, condition, resolvedScenario } from '../../model/src/testing/region-builder';
import { canonicalJson, dataVersion, reproducibilityHash } from './reproduce';
import { buildRunResult } from './result';
import { toRunInput } from './run-input';

const region = buildRegion({
  areas: [{ id: 'only' }],
  municipalities: [{ id: 'm', area: 'only', lat: 38.26, lng: 140.87, population: 10_000 }],
  hospitals: [{ id: 'h', area: 'only', municipality: 'm', lat: 38.27, lng: 140.87, beds: { acute: 10 } }],
  conditions: [
    condition({ id: 'x', ratePer100k: 20_000, phases: [{ id: 'stay', function: 'acute', meanDays: 5 }] }),
  ],
});
const scenario = (spec: Parameters<typeof resolvedScenario>[1] = {}): ResolvedScenario =>
  resolvedScenario(region, { horizonDays: 20, ...spec });
const runs = (resolved: ResolvedScenario, indices: number[]): ReplicationResult[] =>
  indices.map((i) => runReplication(resolved, i));

describe('canonical JSON', () => {
  it('gives equal text for equal values built with their keys in another order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: 'x' } })).toBe(
      canonicalJson({ a: { c: 'x', d: [3, 1] }, b: 1 }),
    );
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it('keeps the order of arrays and every number exactly', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(JSON.parse(canonicalJson({ x: 0.1 + 0.2 })).x).toBe(0.1 + 0.2);
  });
});

describe('what reproduces a run', () => {
  const resolved = scenario();
  const results = runs(resolved, [0, 1, 2]);

  it('records the scenario, region, seed, replications and the software, model and data versions', () => {
    const doc = buildRunResult(toRunInput(resolved), results, {});
    const p = doc.provenance;
    expect(p.scenario).toEqual(resolved.scenario);
    expect(p.region).toEqual(region);
    expect(p.seed).toBe(1);
    expect(p.replicationIndices).toEqual([0, 1, 2]);
    expect(p.model).toEqual({ name: '@caretwin/model', version: MODEL_VERSION });
    expect(p.data).toEqual({ region: region.id, version: dataVersion(region) });
    expect(p.data.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(p.reproducibility.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(p.reproducibility.covers).toEqual([
      'software',
      'model',
      'data',
      'scenario',
      'region',
      'seed',
      'replicationIndices',
    ]);
  });

  it('hashes the same whatever order the replications finished in and wherever they ran', () => {
    const a = buildRunResult(toRunInput(resolved), results, { host: 'a', durationMs: 5 });
    const b = buildRunResult(toRunInput(resolved), [...results].reverse(), { host: 'b', durationMs: 9000 });
    expect(b.provenance.reproducibility.hash).toBe(a.provenance.reproducibility.hash);
    expect(reproducibilityHash(a.provenance)).toEqual(a.provenance.reproducibility);
  });

  it('hashes differently when the seed, the replications, the scenario or the data differ', () => {
    const hash = (r: ResolvedScenario, rs: ReplicationResult[]) =>
      buildRunResult(toRunInput(r), rs, {}).provenance.reproducibility.hash;
    const base = hash(resolved, results);
    const otherSeed = scenario({ seed: 2 });
    expect(hash(otherSeed, runs(otherSeed, [0, 1, 2]))).not.toBe(base);
    expect(hash(resolved, results.slice(0, 2))).not.toBe(base);
    const longer = scenario({ horizonDays: 21 });
    expect(hash(longer, runs(longer, [0, 1, 2]))).not.toBe(base);
    const moreBeds = {
      ...resolved,
      region: {
        ...region,
        hospitals: [{ ...region.hospitals[0], beds: { ...region.hospitals[0].beds, acute: 11 } }],
      },
    };
    expect(dataVersion(moreBeds.region)).not.toBe(dataVersion(region));
    expect(hash(moreBeds, results)).not.toBe(base);
  });

  it("lifts the aggregate's warnings to the document", () => {
    const cold = scenario({ horizonDays: 60, warmupDays: 0 });
    const doc = buildRunResult(toRunInput(cold), runs(cold, [0, 1]), {});
    expect(doc.warnings).toEqual(doc.aggregate.warnings);
    expect(doc.aggregate.warmup?.initialCensus).toBe('empty');
  });
});
