// The variant sentence: what the proposal does and what changed significantly, in Japanese and
// English, from a hand-built comparison (exact wording) and from a real paired one.
import { describe, expect, it } from 'vitest';
import type { Comparison, KpiDifference } from '@caretwin/contracts';
import { compareResults, runReplication } from '@caretwin/model';
import type { Policy } from '@caretwin/scenario';
import { buildRegion, condition, resolvedScenario } from '../../model/src/testing/region-builder';
import { BOARD_KPI_KEYS, significantKeys } from './kpis';
import { variantSentence, type Namers } from './sentence';

const names: Namers = {
  area: (id) => (id === 'sendai' ? { ja: '仙台', en: 'Sendai' } : { ja: id, en: id }),
  hospital: (id) => ({ ja: `${id}病院`, en: `${id} Hospital` }),
};

const diff = (a: number, difference: number, lo: number, hi: number): KpiDifference => ({
  a,
  b: a + difference,
  difference,
  halfWidth: (hi - lo) / 2,
  lo,
  hi,
  significant: lo > 0 || hi < 0,
});

const comparison = (kpis: Record<string, KpiDifference>): Comparison => ({
  paired: true,
  method: 'paired',
  note: 'paired on common random numbers: seed 1, replications 0,1,2',
  a: { scenarioId: 'base', seed: 1, replications: 3 },
  b: { scenarioId: 'variant', seed: 1, replications: 3 },
  kpis,
});

const convert50: Policy[] = [
  { kind: 'convertBeds', area: 'sendai', from: 'acute', to: 'recovery', count: 50 },
];

describe('variantSentence', () => {
  it('says a significant decrease relative to the baseline and a headline KPI that did not change, as in the issue', () => {
    const c = comparison({
      'bedBlocking.days': diff(100, -38, -45, -30),
      'inquiries.refusedShare': diff(0.3, -0.01, -0.03, 0.01),
    });
    expect(variantSentence(convert50, c, names)).toEqual({
      ja: '仙台で急性期50床を回復期へ転換すると、転院待ちは38%減(95%CI 30–45%)、受入照会の断りに有意な変化なし',
      en: 'Converting 50 acute beds to recovery in Sendai: bed-blocking days −38% (95% CI 30–45%); no significant change in refused inquiries',
    });
  });

  it('leaves out a change whose CI excludes 0 but that stays below its practical threshold (有意 as every output says it)', () => {
    const tiny = { ...diff(100, -0.5, -0.8, -0.2), threshold: 5, practical: false };
    const c = comparison({
      'bedBlocking.days': tiny,
      'inquiries.refusedShare': diff(0.3, -0.01, -0.03, 0.01),
    });
    expect(significantKeys(c)).toEqual([]);
    expect(variantSentence(convert50, c, names).en).toBe(
      'Converting 50 acute beds to recovery in Sendai: no significant change in any key figure',
    );
  });

  it('says a significant increase, and a share’s change in percentage points', () => {
    const c = comparison({
      'bedBlocking.days': diff(200, 24, 10, 38),
      'inquiries.refusedShare': diff(0.3, 0.05, 0.02, 0.08),
      'ambulance.callToHospital.mean': diff(40, 0.2, -0.5, 0.9),
    });
    const s = variantSentence(
      [
        { kind: 'closeHospital', hospital: 'kita' },
        { kind: 'setAmbulances', area: 'sendai', vehicles: 38 },
      ],
      c,
      names,
    );
    expect(s.ja).toBe(
      'kita病院を閉鎖し、仙台の救急車を38台にすると、転院待ちは12%増(95%CI 5–19%)、受入照会の断りは5.0ポイント増(95%CI 2.0–8.0ポイント)',
    );
    expect(s.en).toBe(
      'Closing kita Hospital and setting the ambulances in Sendai to 38: bed-blocking days +12% (95% CI 5–19%); refused inquiries +5.0 points (95% CI 2.0–8.0 points)',
    );
  });

  it('says so when nothing changed significantly', () => {
    const c = comparison({
      'bedBlocking.days': diff(100, -3, -8, 2),
      'inquiries.refusedShare': diff(0.3, 0, -0.02, 0.02),
      admissions: diff(5000, 12, -30, 54),
    });
    expect(variantSentence([{ kind: 'lengthOfStay', multiplier: 0.9, function: 'acute' }], c, names)).toEqual(
      {
        ja: '急性期の在院日数を10%短縮すると、主要な指標に有意な変化なし',
        en: 'Shortening acute stays by 10%: no significant change in any key figure',
      },
    );
  });

  it('gives an absolute change when the baseline is 0 (no relative change of nothing)', () => {
    const c = comparison({ difficultTransports: diff(0, 6, 2, 10) });
    const s = variantSentence(convert50, c, names);
    expect(s.ja).toContain('救急搬送困難事案は6件増(95%CI 2–10件)');
    expect(s.en).toContain('difficult transports +6 cases (95% CI 2–10 cases)');
  });

  it('builds a sentence from a real paired comparison run on common random numbers', () => {
    // One area whose recovery ward is far too small: acute patients wait for it (転院待ち).
    // Converting acute beds to recovery cuts that waiting on every replication.
    const region = buildRegion({
      areas: [{ id: 'sendai' }],
      municipalities: [{ id: 'm', area: 'sendai', lat: 38.26, lng: 140.87, population: 100_000 }],
      hospitals: [
        {
          id: 'h',
          area: 'sendai',
          municipality: 'm',
          lat: 38.27,
          lng: 140.87,
          beds: { acute: 40, recovery: 10 },
        },
      ],
      bases: [{ id: 'b', area: 'sendai', municipality: 'm', lat: 38.26, lng: 140.87, vehicles: 4 }],
      conditions: [
        condition({
          id: 'x',
          ratePer100k: 2000,
          ambulanceShare: 0.5,
          phases: [
            { id: 'a', function: 'acute', meanDays: 5, next: [['r', 1]] },
            { id: 'r', function: 'recovery', meanDays: 5 },
          ],
        }),
      ],
    });
    const policies: Policy[] = [
      { kind: 'convertBeds', area: 'sendai', from: 'acute', to: 'recovery', count: 12 },
    ];
    const spec = { horizonDays: 30, warmupDays: 10 };
    const runs = (resolved: ReturnType<typeof resolvedScenario>) =>
      [0, 1, 2, 3].map((i) => runReplication(resolved, i));
    const c = compareResults(
      runs(resolvedScenario(region, spec)),
      runs(resolvedScenario(region, { ...spec, policies })),
    );
    expect(c.paired).toBe(true);
    for (const key of BOARD_KPI_KEYS) expect(c.kpis[key], key).toBeDefined();

    const d = c.kpis['bedBlocking.days'];
    expect(d.hi).toBeLessThan(0);
    expect(significantKeys(c)).toContain('bedBlocking.days');
    const [lo, hi] = [Math.round((-d.hi / d.a) * 100), Math.round((-d.lo / d.a) * 100)];
    const s = variantSentence(policies, c, names);
    expect(s.ja.startsWith('仙台で急性期12床を回復期へ転換すると、転院待ちは')).toBe(true);
    expect(s.ja).toContain(`転院待ちは${Math.round((-d.difference / d.a) * 100)}%減(95%CI ${lo}–${hi}%)`);
    expect(s.en).toContain(
      `bed-blocking days −${Math.round((-d.difference / d.a) * 100)}% (95% CI ${lo}–${hi}%)`,
    );
    // Every board KPI the comparison marks significant is in the sentence, and no other.
    const said = significantKeys(c).length;
    expect(s.ja.split('(95%CI').length - 1).toBe(said);
    expect(s.en.split('(95% CI').length - 1).toBe(said);
  });
});
