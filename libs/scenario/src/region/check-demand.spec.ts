import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ScenarioValidationError } from '../errors/scenario-validation-error';
import { tinyRegionFiles, writeFiles, type RegionFiles } from '../testing/tiny-region';
import { loadRegion } from './load-region';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

type Item = Record<string, unknown>;

function load(change: (files: Record<string, Item>) => void) {
  const files = structuredClone(tinyRegionFiles()) as Record<string, Item>;
  change(files);
  const root = mkdtempSync(join(tmpdir(), 'caretwin-demand-'));
  dirs.push(root);
  writeFiles(join(root, 'tiny'), files as RegionFiles);
  return () => loadRegion(join(root, 'tiny'));
}

function messages(change: (files: Record<string, Item>) => void): string[] {
  try {
    load(change)();
  } catch (error) {
    if (error instanceof ScenarioValidationError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error('expected the region to be refused');
}

const municipalities = (f: Record<string, Item>) => f['municipalities.yaml'].municipalities as Item[];
const conditions = (f: Record<string, Item>) => f['conditions.yaml'].conditions as Item[];
const phase = (f: Record<string, Item>, c: number, p: number) => (conditions(f)[c].phases as Item[])[p];

/** 19 bands per sex whose four-band sums are the tiny region's population at `scale` (2020, 2025). */
function bySexAge(scale: number) {
  const cells = (young: number, working: number, old: number, oldest: number) => {
    const male = new Array<number>(19).fill(0);
    const female = new Array<number>(19).fill(0);
    male[0] = young * scale;
    male[3] = working * scale;
    male[13] = old * scale;
    female[15] = oldest * scale;
    return { male, female };
  };
  return { '2020': cells(1200, 6000, 1500, 1300), '2025': cells(1100, 5700, 1450, 1500) };
}

describe('demand checks of a region', () => {
  it('accepts population by sex × 5-year band that sums to the four bands, and derives wards from points', () => {
    const region = load((f) => {
      municipalities(f).forEach((m, i) => (m.populationBySexAge = bySexAge([10, 2, 4][i])));
      const acute = phase(f, 0, 0);
      delete acute.function;
      acute.pointsPerDay = { segments: [{ until: 3, points: 1500 }, { points: 400 }] };
    })();
    expect(region.municipalities[0].populationBySexAge?.['2020'].male[0]).toBe(12_000);
    expect(region.conditions[0].phases[0].function).toBeUndefined();
    expect(region.conditions[0].phases[0].pointsPerDay?.rule).toBeNull();
    expect(region.resourcePointThresholds).toEqual({
      highAcute: 3000,
      acute: 600,
      recovery: 225,
      dischargeAdjustment: 175,
    });
  });

  it('refuses detailed population for some municipalities only, or on other years, or with other sums', () => {
    expect(messages((f) => (municipalities(f)[0].populationBySexAge = bySexAge(10)))).toContainEqual(
      'municipalities[1]: populationBySexAge is given for 1 of 3 municipalities: give it for all or none',
    );
    expect(
      messages((f) =>
        municipalities(f).forEach((m, i) => {
          const cells = bySexAge([10, 2, 4][i]) as Record<string, unknown>;
          if (i === 2) delete cells['2025'];
          if (i === 1) (cells['2020'] as { male: number[] }).male[0] += 5;
          m.populationBySexAge = cells;
        }),
      ),
    ).toEqual(
      expect.arrayContaining([
        'municipalities[1].populationBySexAge.2020: the 5-year bands of age0to14 sum to 2405 persons, population.2020.age0to14 is 2400',
        'municipalities[2].populationBySexAge: populationBySexAge has the years 2020, population has 2020, 2025: they must be the same',
      ]),
    );
  });

  it('tells an old region file what replaced `elective` and `electiveDayOfWeek`', () => {
    const issues = messages((f) => {
      conditions(f)[1].elective = true;
      f['region.yaml'].arrivalProfiles = { electiveDayOfWeek: [1, 1, 1, 1, 1, 1, 1] };
    });
    expect(issues).toContainEqual(
      'conditions[1].elective: "elective" was replaced by `scheduledShare`, the share of admissions booked ahead (予定入院): `elective: true` was every non-ambulance admission, i.e. scheduledShare = 1 − ambulanceShare',
    );
    expect(issues).toContainEqual(
      'arrivalProfiles.electiveDayOfWeek: "electiveDayOfWeek" was renamed `scheduledDayOfWeek` (the weekday profile of the hospitals’ admission slots)',
    );
  });

  it('refuses scheduled and ambulance shares above one together', () => {
    expect(messages((f) => (conditions(f)[0].scheduledShare = 0.5))).toContainEqual(
      'conditions[0].scheduledShare: ambulanceShare + scheduledShare must not exceed 1 (0.7 + 0.5): scheduled patients do not come by ambulance',
    );
  });

  it('refuses a phase whose given function disagrees with its points, or that has neither', () => {
    expect(
      messages((f) => (phase(f, 0, 0).pointsPerDay = { segments: [{ points: 250 }], rule: 'ryoyo' })),
    ).toContainEqual(
      'conditions[0].phases[0].function: function "acute" disagrees with the ward its pointsPerDay give ("chronic"); drop `function` or change the points',
    );
    expect(messages((f) => delete phase(f, 1, 0).function)).toContainEqual(
      'conditions[1].phases[0]: a phase needs its bed `function` or its `pointsPerDay` (医療資源投入量)',
    );
    expect(
      messages((f) => {
        delete phase(f, 1, 0).function;
        phase(f, 1, 0).pointsPerDay = { segments: [{ points: 100 }] };
      }),
    ).toContainEqual(
      'conditions[1].phases[0].pointsPerDay: every day of this phase is below 175 points (home or facility care, not a bed): raise the points or give a ward rule',
    );
  });

  it('refuses segments out of order or not ending with the rest of the stay, and thresholds that do not fall', () => {
    const issues = messages((f) => {
      phase(f, 0, 0).pointsPerDay = {
        segments: [{ until: 4, points: 2000 }, { until: 2, points: 900 }, { points: 400 }],
      };
      phase(f, 0, 1).pointsPerDay = { segments: [{ until: 5, points: 300 }] };
      f['region.yaml'].resourcePointThresholds = { acute: 3500 };
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        'conditions[0].phases[0].pointsPerDay.segments[1].until: segments must end in order: day 2 after day 4',
        'conditions[0].phases[1].pointsPerDay.segments[0].until: the last segment must run to the end of the stay (until: null)',
        'resourcePointThresholds: thresholds must fall: highAcute > acute > recovery ≥ dischargeAdjustment (3000 / 3500 / 225 / 175)',
      ]),
    );
  });
});
