// The Miyagi baseline stays on its calibration targets (docs/calibration.md): prefecture-level
// occupancy and ambulance times over 365 measured days after the scenario's warm-up, started
// from the model's own expected census, asserted on the mean of 3 replications. A change to the
// model or the data that moves the baseline off target fails here; rerun `npm run calibrate`
// (10 replications) and update docs/calibration.md when a move is intended.
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregate, runReplication } from '@caretwin/model';
import type { AggregateResult } from '@caretwin/contracts';
import { calibrationScenario, checkTargets, formatFigure, TARGETS } from '../../bench/calibration-targets';

const REPLICATIONS = 3;
let agg: AggregateResult;

beforeAll(() => {
  const resolved = calibrationScenario(365);
  agg = aggregate(Array.from({ length: REPLICATIONS }, (_, i) => runReplication(resolved, i)));
}, 600_000);

describe('the Miyagi 2025 baseline against its calibration targets (mean of 3 replications, 365 days)', () => {
  it('measures 365 days after the warm-up, starting from the expected census', () => {
    expect(agg.horizonDays).toBe(365);
    expect(agg.warmup?.initialCensus).toBe('expected');
    expect(agg.replications).toBe(REPLICATIONS);
  });

  it.each(TARGETS.map((t) => [`${t.label} (${t.kpi})`, t] as const))(
    'keeps %s within its band',
    (_, target) => {
      const check = checkTargets(agg).find(
        (c) => c.kpi === target.kpi && c.lo === target.lo && c.hi === target.hi,
      );
      expect(check, target.kpi).toBeDefined();
      const shown = `${formatFigure(check?.mean ?? NaN, target.unit)} not in ${formatFigure(target.lo, target.unit)} – ${formatFigure(target.hi, target.unit)}`;
      expect(check?.met, shown).toBe(true);
    },
  );

  it('has no warm-up warning and hardly any patient outside occupancy', () => {
    expect(agg.warnings).toEqual([]);
    expect(agg.kpis['overflow'].mean / agg.kpis['admissions'].mean).toBeLessThan(0.01);
    expect(agg.conservationConsistent).toBe(true);
  });
});
