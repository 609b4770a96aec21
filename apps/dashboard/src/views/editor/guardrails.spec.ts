import { describe, expect, it } from 'vitest';
import { conversionProblems, doubleCounts, mergeIssueKind, mergeTarget } from './guardrails';
import { buildWhatIf, emptyState } from './what-if';

describe('a conversion row', () => {
  it('asks for its area and beds while empty, and is no policy until both are given', () => {
    const row = { key: 1, area: '', from: 'acute' as const, to: 'recovery' as const, count: null };
    expect(conversionProblems(row)).toEqual(['area', 'count']);
    const state = { ...emptyState('base'), conversions: [row] };
    expect(buildWhatIf(state).policyFields).toEqual([]);
    row.area = 'sendai';
    expect(conversionProblems(row)).toEqual(['count']);
    expect(buildWhatIf(state).policyFields).toEqual([]);
    (row as { count: number | null }).count = 500;
    expect(conversionProblems(row)).toEqual([]);
    expect(buildWhatIf(state).scenario.policies).toEqual([
      { kind: 'convertBeds', area: 'sendai', from: 'acute', to: 'recovery', count: 500 },
    ]);
  });

  it('refuses zero, fractional beds and a conversion to the same function', () => {
    const base = { area: 'sendai', from: 'acute' as const, to: 'recovery' as const };
    expect(conversionProblems({ ...base, count: 0 })).toEqual(['count']);
    expect(conversionProblems({ ...base, count: 2.5 })).toEqual(['count']);
    expect(conversionProblems({ ...base, to: 'acute', count: 10 })).toEqual(['same']);
  });
});

describe('double counting of a bed target and a conversion', () => {
  const conversion = { key: 7, area: 'sendai', from: 'acute' as const, to: 'recovery' as const, count: 500 };

  it('is found when the area has a target for the function converted from or to', () => {
    expect(doubleCounts({ areaBeds: { sendai: { recovery: 4000 } }, conversions: [conversion] })).toEqual([
      { key: 7, area: 'sendai', fn: 'recovery' },
    ]);
    expect(
      doubleCounts({ areaBeds: { sendai: { acute: 9000, recovery: 4000 } }, conversions: [conversion] }),
    ).toHaveLength(2);
  });

  it('is not found for another area, another function or a row without an area', () => {
    expect(doubleCounts({ areaBeds: { sennan: { acute: 900 } }, conversions: [conversion] })).toEqual([]);
    expect(doubleCounts({ areaBeds: { sendai: { chronic: 900 } }, conversions: [conversion] })).toEqual([]);
    expect(
      doubleCounts({ areaBeds: { '': { acute: 1 } }, conversions: [{ ...conversion, area: '' }] }),
    ).toEqual([]);
  });
});

describe('a typed merge target', () => {
  const hospitals = [
    { id: 'h-1', name: { ja: '仙台中央病院', en: 'Sendai Central Hospital' } },
    { id: 'h-2', name: { ja: '石巻赤十字病院', en: 'Ishinomaki Red Cross Hospital' } },
    { id: 'h-3', name: { ja: '登米市民病院', en: 'Tome City Hospital' } },
  ];

  it('names a hospital by id or by its name in either language', () => {
    expect(mergeTarget('h-2', hospitals, 'h-1', [])).toEqual({ kind: 'ok', id: 'h-2' });
    expect(mergeTarget(' 石巻赤十字病院 ', hospitals, 'h-1', [])).toEqual({ kind: 'ok', id: 'h-2' });
    expect(mergeTarget('ishinomaki red cross hospital', hospitals, 'h-1', [])).toEqual({
      kind: 'ok',
      id: 'h-2',
    });
    expect(mergeTarget('', hospitals, 'h-1', [])).toEqual({ kind: 'none' });
  });

  it('refuses an unknown name, the hospital itself and a closed hospital', () => {
    expect(mergeTarget('石巻', hospitals, 'h-1', []).kind).toBe('unknown');
    expect(mergeTarget('仙台中央病院', hospitals, 'h-1', []).kind).toBe('self');
    expect(mergeTarget('h-3', hospitals, 'h-1', ['h-3']).kind).toBe('closed');
  });
});

describe("the api's merge issues", () => {
  it('are read as an unknown hospital or a merge into itself, anything else as refused', () => {
    expect(mergeIssueKind('unknown hospital "h-99"; known hospitals: h-1, h-2')).toEqual({
      kind: 'unknown',
      text: 'h-99',
    });
    expect(mergeIssueKind('"h-1" is the hospital merged into; list only the ones folded into it')).toEqual({
      kind: 'self',
    });
    expect(mergeIssueKind('"h-1" is listed twice')).toEqual({ kind: 'other' });
  });
});
