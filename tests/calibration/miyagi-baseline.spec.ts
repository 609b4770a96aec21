// The Miyagi baseline stays on its tuned calibration targets (docs/calibration.md): observed
// 病床利用率 一般 and 療養 (病院報告 2023), call → hospital and the 軽症 share (Miyagi 2021), over 365
// measured days after the scenario's warm-up, started from the model's own expected census,
// asserted on the mean of 3 replications. Hold-out observations (docs/validation.md) are reported
// by `npm run calibrate`, never asserted here: a hold-out that the test enforced would be a target.
// A change that moves the baseline off a tuned target fails here; rerun `npm run calibrate`
// (10 replications) and update docs/calibration.md when a move is intended.
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregate, runReplication } from '@caretwin/model';
import type { AggregateResult, ReplicationResult } from '@caretwin/contracts';
import { calibrationScenario, checkTargets, formatFigure, TARGETS } from '../../bench/calibration-targets';

const REPLICATIONS = 3;
let results: ReplicationResult[];
let agg: AggregateResult;

beforeAll(() => {
  const resolved = calibrationScenario(365);
  results = Array.from({ length: REPLICATIONS }, (_, i) => runReplication(resolved, i));
  agg = aggregate(results);
}, 600_000);

const TUNED = TARGETS.filter((t) => t.kind === 'tuned');

describe('the Miyagi 2025 baseline against its tuned calibration targets (mean of 3 replications, 365 days)', () => {
  it('measures 365 days after the warm-up, starting from the expected census', () => {
    expect(agg.horizonDays).toBe(365);
    expect(agg.warmup?.initialCensus).toBe('expected');
    expect(agg.replications).toBe(REPLICATIONS);
  });

  it('tunes only observations, each with a source and a band around the observed figure', () => {
    expect(TUNED.map((t) => t.id)).toEqual([
      'occupancy.prefecture.general',
      'occupancy.prefecture.chronic',
      'ambulance.callToHospital.mean',
      'ambulance.mildShare',
    ]);
    for (const t of TARGETS) {
      expect(t.source, t.id).toMatch(/20\d\d/);
      expect(t.observed, t.id).toBeGreaterThanOrEqual(t.lo);
      expect(t.observed, t.id).toBeLessThanOrEqual(t.hi);
    }
    // The old planning target (2,053 high-acute beds × 0.75) is not an observation.
    expect(TARGETS.some((t) => t.kpi.startsWith('bedsInUse'))).toBe(false);
  });

  it.each(TUNED.map((t) => [`${t.label} (${t.id})`, t] as const))('keeps %s within its band', (_, target) => {
    const check = checkTargets(results).find((c) => c.id === target.id);
    expect(check, target.id).toBeDefined();
    // A guard (a band around what the model gives, off the observation) would replace the band
    // here; every tuned target currently meets its observed band, so none is set.
    const { lo, hi } = target.guard ?? target;
    const mean = check?.mean ?? NaN;
    const shown = `${formatFigure(mean, target.unit)} not in ${formatFigure(lo, target.unit)} – ${formatFigure(hi, target.unit)}`;
    expect(mean >= lo && mean <= hi, shown).toBe(true);
  });

  it('has no warm-up warning and hardly any patient outside occupancy', () => {
    expect(agg.warnings).toEqual([]);
    expect(agg.kpis['overflow'].mean / agg.kpis['admissions'].mean).toBeLessThan(0.01);
    expect(agg.conservationConsistent).toBe(true);
  });
});
