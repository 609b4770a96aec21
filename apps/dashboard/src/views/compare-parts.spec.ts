// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Comparison } from '@caretwin/contracts';
import { setLang } from '../i18n';
import { kpiNamesOf } from '../charts/kpi-labels';
import { differenceTableElement, methodBanner, unitOf } from './compare-parts';

const comparison = (method: 'paired' | 'welch'): Comparison => ({
  paired: method === 'paired',
  method,
  note:
    method === 'paired'
      ? 'paired on common random numbers: seed 1, replications 0,1'
      : 'unpaired (Welch): the runs use different seeds (1 and 2)',
  a: { scenarioId: 'base', seed: 1, replications: 2 },
  b: { scenarioId: 'whatif', seed: method === 'paired' ? 1 : 2, replications: 2 },
  kpis: {
    'walkIns.redirected': { a: 100, b: 130, difference: 30, halfWidth: 5, lo: 25, hi: 35, significant: true },
    'selfSufficiency.sendai': {
      a: 0.9,
      b: 0.88,
      difference: -0.02,
      halfWidth: 0.005,
      lo: -0.025,
      hi: -0.015,
      significant: true,
    },
    'occupancy.prefecture.acute': {
      a: 0.75,
      b: 0.751,
      difference: 0.001,
      halfWidth: 0.01,
      lo: -0.009,
      hi: 0.011,
      significant: false,
    },
  },
});

describe('comparison pieces', () => {
  it('says a comparison is unpaired, and why, when the seeds differ', () => {
    setLang('ja');
    const banner = methodBanner(comparison('welch'));
    expect(banner.dataset.method).toBe('welch');
    expect(banner.textContent).toContain('対応のない比較(Welch)');
    expect(banner.textContent).toContain('a: 1, b: 2');
    setLang('en');
    expect(methodBanner(comparison('paired')).textContent).toContain(
      'Paired comparison (common random numbers)',
    );
    setLang('ja');
  });

  it('highlights significant rows with a badge, not colour alone', () => {
    const table = differenceTableElement(
      ['walkIns.redirected', 'occupancy.prefecture.acute', 'missing'],
      comparison('paired'),
      'caption',
    );
    const rows = [...table.querySelectorAll('tbody tr')] as HTMLElement[];
    expect(rows.map((r) => r.dataset.kpi)).toEqual(['walkIns.redirected', 'occupancy.prefecture.acute']);
    expect(rows[0].classList.contains('significant')).toBe(true);
    expect(rows[0].querySelector('.badge.significant')?.textContent).toBe('有意');
    expect(rows[1].querySelector('.badge')).toBeNull();
    expect(rows[1].textContent).toContain('+0.1 ポイント');
    expect(rows[0].querySelector('th')?.textContent).toBe('満床で他院へ回った直接来院患者');
    expect(rows[0].textContent).toContain('+30.0 人');
  });

  it('names the areas of KPI keys from the region', () => {
    const names = kpiNamesOf({ areas: [{ id: 'sendai', name: { ja: '仙台', en: 'Sendai' } }] });
    const table = differenceTableElement(['selfSufficiency.sendai'], comparison('paired'), 'caption', names);
    expect(table.querySelector('tbody th')?.textContent).toBe('仙台: 自己完結率');
    expect(table.querySelector('tbody tr')?.textContent).toContain('−2.0 ポイント');
  });

  it('reads units off the key families, whatever the area or condition', () => {
    expect(unitOf('occupancy.sendai.acute')).toBe('percent');
    expect(unitOf('timeToCare.stroke.mean')).toBe('minutes');
    expect(unitOf('timeToCare.stroke.withinThreshold')).toBe('percent');
    expect(unitOf('bedsInUse.sendai.acute')).toBe('beds');
    expect(unitOf('ambulance.vehiclesBusy.mean')).toBe('vehicles');
    expect(unitOf('ambulance.inquiries.mean')).toBe('inquiries');
    expect(unitOf('something.unknown')).toBe('number');
  });
});
