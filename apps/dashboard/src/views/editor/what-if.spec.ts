import { describe, expect, it } from 'vitest';
import { buildWhatIf, emptyState, fieldAncestors, fieldForIssue, isUnchanged } from './what-if';

describe('building a what-if from the levers', () => {
  it('extends the baseline with no policies when nothing changed', () => {
    const { scenario, policyFields } = buildWhatIf(emptyState('miyagi-2025-baseline'));
    expect(scenario).toEqual({
      id: 'miyagi-2025-baseline-what-if',
      name: { ja: 'miyagi-2025-baseline の what-if', en: 'What-if on miyagi-2025-baseline' },
      extends: 'miyagi-2025-baseline',
      policies: [],
    });
    expect(policyFields).toEqual([]);
  });

  it('lists closures and mergers before bed targets, conversions after them', () => {
    const state = {
      ...emptyState('base'),
      year: 2040,
      demand: '1.1',
      areaBeds: { sendai: { acute: 7000 }, sennan: {} },
      conversions: [{ key: 4, area: 'sendai', from: 'acute' as const, to: 'recovery' as const, count: 50 }],
      hospitalBeds: { 'h-2': { chronic: 10 } },
      closed: ['h-9'],
      merges: { 'h-3': 'h-1', 'h-4': '' },
      ambulances: { sennan: 12 },
      eligibility: { failureRate: 0.05 },
      speedFactor: 0.7,
      bedBorrowing: true,
    };
    const { scenario, policyFields } = buildWhatIf(state);
    expect(scenario.year).toBe(2040);
    expect(scenario.demand).toEqual({ multiplier: '1.1' });
    expect((scenario.policies as Array<{ kind: string }>).map((p) => p.kind)).toEqual([
      'closeHospital',
      'mergeHospitals',
      'setBeds',
      'setBeds',
      'convertBeds',
      'setAmbulances',
      'eligibility',
      'travel',
      'bedBorrowing',
    ]);
    expect(policyFields).toEqual([
      'closed.h-9',
      'merge.h-3',
      'hospitalBeds.h-2',
      'areaBeds.sendai',
      'conversion.4',
      'ambulances.sennan',
      'eligibility',
      'speedFactor',
      'bedBorrowing',
    ]);
    expect((scenario.policies as unknown[])[4]).toEqual({
      kind: 'convertBeds',
      area: 'sendai',
      from: 'acute',
      to: 'recovery',
      count: 50,
    });
  });
});

describe('telling a baseline run from a what-if run', () => {
  it('is the baseline while no lever, year or demand changed, whatever the name', () => {
    const state = { ...emptyState('base'), id: 'renamed' };
    expect(isUnchanged(buildWhatIf(state))).toBe(true);
    expect(isUnchanged(buildWhatIf({ ...state, year: 2040 }))).toBe(false);
    expect(isUnchanged(buildWhatIf({ ...state, demand: '1.1' }))).toBe(false);
    expect(isUnchanged(buildWhatIf({ ...state, closed: ['h-1'] }))).toBe(false);
    // an incomplete conversion row is no change yet
    const row = { key: 1, area: '', from: 'acute' as const, to: 'recovery' as const, count: null };
    expect(isUnchanged(buildWhatIf({ ...state, conversions: [row] }))).toBe(true);
  });
});

describe('finding the field of a validation issue', () => {
  const fields = ['hospitalBeds.h-2', 'areaBeds.sendai', 'conversion.4', 'ambulances.sennan'];

  it('counts the baseline policies before the what-if own ones', () => {
    expect(fieldForIssue('policies[2].beds.acute', 2, fields)).toBe('hospitalBeds.h-2.acute');
    expect(fieldForIssue('policies[3].beds.recovery', 2, fields)).toBe('areaBeds.sendai.recovery');
    expect(fieldForIssue('policies[4].count', 2, fields)).toBe('conversion.4.count');
    expect(fieldForIssue('policies[5]', 2, fields)).toBe('ambulances.sennan');
  });

  it('gives no field for a baseline policy or one past the list', () => {
    expect(fieldForIssue('policies[1].hospital', 2, fields)).toBeNull();
    expect(fieldForIssue('policies[9]', 2, fields)).toBeNull();
  });

  it('maps top-level settings, and anything else to the general list', () => {
    expect(fieldForIssue('year', 0, [])).toBe('year');
    expect(fieldForIssue('demand.multiplier', 0, [])).toBe('demand');
    expect(fieldForIssue('name.en', 0, [])).toBe('name.en');
    expect(fieldForIssue('horizonDays', 0, [])).toBeNull();
  });

  it('walks up from a precise field to the input that holds it', () => {
    expect(fieldAncestors('ambulances.sennan.vehicles')).toEqual([
      'ambulances.sennan.vehicles',
      'ambulances.sennan',
      'ambulances',
    ]);
  });
});
