// Every KPI key the model writes has a name and a unit on the dashboard (apps/dashboard
// charts/kpi-labels.ts), in Japanese and in English: a replication of the small stress region
// is run for real and each key of its result is looked up, with the keys issue 15 plans. A key
// the model adds without a label fails here rather than showing up raw on a planner's screen.
// The CLI's terminal tables name the same units (their own short words).
import { describe, expect, it } from 'vitest';
import { runReplication } from '@caretwin/model';
import type { Region } from '@caretwin/scenario';
import { unitOf as cliUnitOf } from '../../apps/cli/src/output/kpi-format';
import { kpiNamesOf, kpiUnit } from '../../apps/dashboard/src/charts/kpi-labels';
import { kpiLabelProblems, plannedKpiKeys } from '../../apps/dashboard/src/testing/kpi-label-check';
import { resolvedScenario } from '../../libs/model/src/testing/region-builder';
import { STRESS_POLICIES, stressRegion } from '../../libs/model/src/testing/stress-region';

// The builder names areas and conditions by their ids in both languages; real regions name
// them in each language, which is what the script check needs.
const NAMES: Record<string, { ja: string; en: string }> = {
  north: { ja: '北部', en: 'North' },
  south: { ja: '南部', en: 'South' },
  stroke: { ja: '脳卒中', en: 'Stroke' },
  pneumonia: { ja: '肺炎', en: 'Pneumonia' },
  surgery: { ja: '予定手術', en: 'Planned surgery' },
};
function named(region: Region): Region {
  const name = (id: string, fallback: { ja: string; en: string }) => NAMES[id] ?? fallback;
  return {
    ...region,
    areas: region.areas.map((a) => ({ ...a, name: name(a.id, a.name) })),
    conditions: region.conditions.map((c) => ({ ...c, name: name(c.id, c.name) })),
  };
}

describe('KPI labels for the keys the model writes', () => {
  const region = named(stressRegion());
  const result = runReplication(
    resolvedScenario(region, { horizonDays: 20, warmupDays: 5, policies: STRESS_POLICIES }),
    0,
  );
  const names = kpiNamesOf(region);
  const properNames = [...region.areas, ...region.conditions].flatMap((x) => [x.name.ja, x.name.en]);

  it('runs a replication that writes per-area and per-condition keys', () => {
    const keys = Object.keys(result.kpis);
    expect(keys).toContain('daysOver95.north.recovery');
    expect(keys.some((k) => k.startsWith('timeToCare.stroke.'))).toBe(true);
  });

  it('names every key of a real result with its unit, Japanese without Latin words, English without Japanese', () => {
    expect(kpiLabelProblems(Object.keys(result.kpis), names, properNames)).toEqual([]);
  });

  it('names every key issue 15 plans for the same region', () => {
    const planned = plannedKpiKeys(region.areas.map((a) => a.id));
    expect(kpiLabelProblems([...Object.keys(result.kpis), ...planned], names, properNames)).toEqual([]);
  });
});

describe('KPI units in the terminal tables of the CLI', () => {
  // the CLI's short unit names for the dashboard's units (apps/cli/src/output/kpi-format.ts)
  const CLI_UNIT: Record<string, string> = {
    percent: '%',
    patients: 'patients',
    cases: 'cases',
    inquiries: 'inquiries',
    minutes: 'min',
    days: 'days',
    patientDays: 'patient-days',
    vehicles: 'vehicles',
    beds: 'beds',
    perYearPer100k: 'per 100k a year',
    events: 'events',
  };
  const region = stressRegion();
  const result = runReplication(resolvedScenario(region, { horizonDays: 5 }), 0);

  it('are the dashboard’s units for every key of a real result and every planned key', () => {
    const keys = [...Object.keys(result.kpis), ...plannedKpiKeys(region.areas.map((a) => a.id))];
    const differ = keys
      .map((key) => ({ key, cli: cliUnitOf(key), dashboard: CLI_UNIT[kpiUnit(key)] }))
      .filter((x) => x.cli !== x.dashboard);
    expect(differ).toEqual([]);
  });
});
