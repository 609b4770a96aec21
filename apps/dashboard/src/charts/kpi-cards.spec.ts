// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { est } from '../testing/fixtures';
import { formatKpi, kpiCards, shapeKpiCards } from './kpi-cards';
import { HEADLINE_KPIS } from './kpi-catalogue';

const kpis = {
  'occupancy.prefecture.acute': est(0.8512, 0.0124, 10),
  difficultTransports: est(1234.5, 56.7, 10),
  'ambulance.callToHospital.mean': est(41.23, 0.5, 10),
};

describe('KPI cards data', () => {
  it('keeps the catalogue order and leaves out KPIs the result lacks', () => {
    const cards = shapeKpiCards(kpis, HEADLINE_KPIS, 'ja');
    expect(cards.map((c) => c.key)).toEqual([
      'occupancy.prefecture.acute',
      'difficultTransports',
      'ambulance.callToHospital.mean',
    ]);
    expect(cards[1].label).toBe('搬送困難事案');
  });

  it('formats values in their unit and the locale', () => {
    expect(formatKpi(0.8512, 'percent', 'ja')).toBe('85.1%');
    expect(formatKpi(1234.5, 'count', 'en')).toBe('1,235');
    expect(formatKpi(41.23, 'minutes', 'ja')).toBe('41.2 分');
    expect(formatKpi(3.5, 'days', 'en')).toBe('3.50 days');
  });
});

describe('KPI cards SVG', () => {
  it('draws one card per KPI with its mean and 95 % CI', () => {
    const svg = kpiCards(shapeKpiCards(kpis, HEADLINE_KPIS, 'en'), { lang: 'en', columns: 3 });
    expect(svg.querySelectorAll('g.card')).toHaveLength(3);
    const card = svg.querySelector('g.card[data-kpi="occupancy.prefecture.acute"]');
    expect(card?.querySelector('text.value')?.textContent).toBe('85.1%');
    expect(card?.querySelector('text.ci')?.textContent).toBe('95% CI 83.9% – 86.4%');
  });

  it('says a single replication has no CI', () => {
    const svg = kpiCards([{ key: 'refusals', label: 'Refusals', unit: 'count', estimate: est(10, 0, 1) }], {
      lang: 'en',
    });
    expect(svg.querySelector('text.ci')?.textContent).toBe('n = 1 (95% CI –)');
  });

  it('is stable for fixed data', () => {
    expect(
      kpiCards(shapeKpiCards(kpis, HEADLINE_KPIS, 'ja'), { lang: 'ja', footnote: '病院は合成データ' })
        .outerHTML,
    ).toMatchSnapshot();
  });
});
