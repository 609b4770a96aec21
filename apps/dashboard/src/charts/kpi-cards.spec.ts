// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { est } from '../testing/fixtures';
import { formatKpi, kpiCards, shapeKpiCards, wrapLabel } from './kpi-cards';
import { HEADLINE_KPIS } from './kpi-catalogue';

const kpis = {
  'occupancy.prefecture.acute': est(0.8512, 0.0124, 10),
  difficultTransports: est(1234.5, 56.7, 10),
  'ambulance.callToHospital.mean': est(41.23, 0.5, 10),
  'bedBlocking.days.recovery': est(5400, 300, 10),
};

describe('KPI cards data', () => {
  it('keeps the catalogue order and leaves out KPIs the result lacks', () => {
    const cards = shapeKpiCards(kpis, HEADLINE_KPIS, 'ja');
    expect(cards.map((c) => c.key)).toEqual([
      'occupancy.prefecture.acute',
      'difficultTransports',
      'ambulance.callToHospital.mean',
      'bedBlocking.days.recovery',
    ]);
    expect(cards[1].label).toBe('救急搬送困難事案');
  });

  it('leaves the old combined refusals out of the headline', () => {
    expect(HEADLINE_KPIS.map((d) => d.key)).not.toContain('refusals');
    expect(HEADLINE_KPIS.map((d) => d.label.ja).join()).not.toContain('受入不');
    expect(HEADLINE_KPIS.map((d) => d.label.en).join()).not.toMatch(/refusals/i);
  });

  it('formats values in their unit and the locale', () => {
    expect(formatKpi(0.8512, 'percent', 'ja')).toBe('85.1%');
    expect(formatKpi(1234.5, 'patients', 'en')).toBe('1,235 patients');
    expect(formatKpi(1234.5, 'cases', 'ja')).toBe('1,235 件');
    expect(formatKpi(41.23, 'minutes', 'ja')).toBe('41.2 分');
    expect(formatKpi(3.5, 'days', 'en')).toBe('3.50 days');
    expect(formatKpi(1.53, 'inquiries', 'ja')).toBe('1.53 回');
    expect(formatKpi(17.5, 'vehicles', 'ja')).toBe('17.5 台');
    expect(formatKpi(Number.NaN, 'minutes', 'en')).toBe('–');
  });

  it('wraps a long label onto two lines at a space, or before a bracket in Japanese', () => {
    expect(wrapLabel('Walk-ins redirected (first choice full)', 'en', 30)).toEqual([
      'Walk-ins redirected',
      '(first choice full)',
    ]);
    expect(wrapLabel('Bed blocking waiting for a recovery bed', 'en', 30)).toEqual([
      'Bed blocking waiting for a',
      'recovery bed',
    ]);
    expect(wrapLabel('救急搬送困難事案の割合(受入患者あたり)', 'ja', 16)).toEqual([
      '救急搬送困難事案の割合',
      '(受入患者あたり)',
    ]);
    expect(wrapLabel('Admissions', 'en', 30)).toEqual(['Admissions']);
  });
});

describe('KPI cards SVG', () => {
  it('draws one card per KPI with its mean and 95 % CI', () => {
    const svg = kpiCards(shapeKpiCards(kpis, HEADLINE_KPIS, 'en'), { lang: 'en', columns: 3 });
    expect(svg.querySelectorAll('g.card')).toHaveLength(4);
    const card = svg.querySelector('g.card[data-kpi="occupancy.prefecture.acute"]');
    expect(card?.querySelector('text.value')?.textContent).toBe('85.1%');
    expect(card?.querySelector('text.ci')?.textContent).toBe('95% CI 83.9% – 86.4%');
    const blocking = svg.querySelector('g.card[data-kpi="bedBlocking.days.recovery"]');
    expect(blocking?.querySelector('text.value')?.textContent).toBe('5,400 patient-days');
  });

  it('puts a label too long for its card on two lines', () => {
    const svg = kpiCards(shapeKpiCards(kpis, HEADLINE_KPIS, 'ja'), { lang: 'ja' });
    const lines = svg.querySelectorAll('g.card[data-kpi="bedBlocking.days.recovery"] text.label');
    expect([...lines].map((l) => l.textContent)).toEqual([
      '回復期の病床待ちの延べ日数',
      '(ベッドブロッキング)',
    ]);
  });

  it('says a single replication has no CI', () => {
    const svg = kpiCards(
      [{ key: 'overflow', label: 'Overflow', unit: 'patients', estimate: est(10, 0, 1) }],
      {
        lang: 'en',
      },
    );
    expect(svg.querySelector('text.ci')?.textContent).toBe('n = 1 (95% CI –)');
  });

  it('is stable for fixed data', () => {
    expect(
      kpiCards(shapeKpiCards(kpis, HEADLINE_KPIS, 'ja'), { lang: 'ja', footnote: '病院は合成データ' })
        .outerHTML,
    ).toMatchSnapshot();
  });
});
