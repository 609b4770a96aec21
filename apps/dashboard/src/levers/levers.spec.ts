import { describe, expect, it } from 'vitest';
import type { Policy, Scenario } from '@caretwin/scenario';
import { describePolicy } from './describe';
import { leverDifferences, policyKey, sameLevers } from './diff';

const names = {
  area: (id: string) => ({ sendai: '仙台', sennan: '仙南' })[id] ?? id,
  hospital: (id: string) => `H:${id}`,
};

const base: Scenario = {
  id: 'miyagi-2025-baseline',
  name: { ja: '基準', en: 'baseline' },
  description: { ja: '', en: '' },
  region: 'miyagi',
  year: 2025,
  startDate: '2025-04-01',
  horizonDays: 365,
  warmupDays: 90,
  replications: 10,
  seed: 1,
  demand: { multiplier: '1', maxMultiplier: 1.5 },
  initialCensus: { mode: 'expected' },
  policies: [{ kind: 'setAmbulances', area: 'sendai', vehicles: 50, note: 'baseline lever' }],
};
const convert: Policy = { kind: 'convertBeds', area: 'sendai', from: 'acute', to: 'recovery', count: 50 };

describe('lever descriptions', () => {
  it('says a conversion with its area, functions and count in Japanese and English', () => {
    expect(describePolicy(convert, names, 'ja')).toBe('仙台: 急性期 → 回復期 50床を転換');
    expect(describePolicy(convert, names, 'en')).toBe('仙台: Acute → Recovery 50 beds converted');
  });

  it('names hospitals, days and parameters of the other levers', () => {
    expect(describePolicy({ kind: 'closeHospital', hospital: 'x', fromDay: 100 }, names, 'en')).toBe(
      'H:x closed (from day 100)',
    );
    expect(describePolicy({ kind: 'mergeHospitals', hospitals: ['a', 'b'], into: 'c' }, names, 'ja')).toBe(
      'H:a、H:bをH:cに統合',
    );
    expect(describePolicy({ kind: 'travel', speedFactor: 0.7 }, names, 'en')).toBe('Travel: speed ×0.70');
    expect(describePolicy({ kind: 'lengthOfStay', multiplier: 0.9, function: 'acute' }, names, 'en')).toBe(
      'length of stay -10% (Acute)',
    );
    expect(describePolicy({ kind: 'eligibility', failureRate: 0.03, delayMinutes: 30 }, names, 'en')).toBe(
      'Online eligibility checks: failure rate 3.0%, delay 30 min',
    );
    expect(
      describePolicy({ kind: 'setBeds', hospital: 'x', beds: { acute: 120, recovery: 40 } }, names, 'en'),
    ).toBe('H:x: beds set to Acute 120 beds, Recovery 40 beds');
  });
});

describe('lever differences between two scenarios', () => {
  it('finds the what-if’s own lever and leaves the inherited ones shared, whatever their notes', () => {
    const whatIf: Scenario = {
      ...base,
      id: 'w',
      policies: [{ ...base.policies[0], note: 'inherited' }, convert],
    };
    const d = leverDifferences(base, whatIf);
    expect(d.onlyB).toEqual([convert]);
    expect(d.onlyA).toEqual([]);
    expect(d.shared).toHaveLength(1);
    expect(d.settings).toEqual([]);
    expect(sameLevers(d)).toBe(false);
  });

  it('lists settings that differ, and levers a has that b dropped', () => {
    const other: Scenario = {
      ...base,
      year: 2040,
      seed: 2,
      demand: { multiplier: '1.1', maxMultiplier: 1.5 },
      policies: [],
    };
    const d = leverDifferences(base, other);
    expect(d.settings.map((s) => [s.field, s.a, s.b])).toEqual([
      ['year', '2025', '2040'],
      ['seed', '1', '2'],
      ['demand.multiplier', '1', '1.1'],
    ]);
    expect(d.onlyA).toHaveLength(1);
  });

  it('counts repeated levers as many times as they appear', () => {
    const twice: Scenario = { ...base, policies: [convert, convert] };
    const once: Scenario = { ...base, policies: [convert] };
    expect(leverDifferences(once, twice).onlyB).toEqual([convert]);
    expect(sameLevers(leverDifferences(twice, twice))).toBe(true);
  });

  it('treats a lever from day 0 and one without fromDay as the same, key order aside', () => {
    expect(policyKey({ ...convert, fromDay: 0 })).toBe(
      policyKey({ count: 50, to: 'recovery', from: 'acute', area: 'sendai', kind: 'convertBeds' }),
    );
  });
});
