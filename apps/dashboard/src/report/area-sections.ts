// The report's section per 二次医療圏 (issue 16): the area's local KPIs with 95 % CIs (bed
// blocking also as ≈ patients a day, overflow beside admissions, occupancy and days over 95 % by
// function of the area's hospitals), where its residents were admitted per year, and — when the
// report compares — b − a of those KPIs with the practical thresholds. The area the dashboard's
// filter had selected comes first.
import { areaKpiKeys, BED_FUNCTIONS, type Comparison } from '@caretwin/contracts';
import { formatKpi } from '../charts/kpi-cards';
import { kpiLabel, kpiNamesOf, kpiUnit } from '../charts/kpi-labels';
import type { ResultDocument } from '../api/types';
import { lang, t } from '../i18n';
import { h } from '../ui/dom';
import { section } from '../ui/widgets';
import { flowTableElement, perDayText } from '../views/area-tables';
import { differenceTableElement } from '../views/compare-parts';
import { areaNamer } from '../views/region-labels';

/** The keys of one area's section: the by-area columns, then occupancy and full days by function. */
export function areaSectionKeys(area: string): string[] {
  return [
    ...areaKpiKeys([area]),
    ...BED_FUNCTIONS.map((fn) => `occupancy.${area}.${fn}`),
    ...BED_FUNCTIONS.map((fn) => `daysOver95.${area}.${fn}`),
  ];
}

/** Areas in report order: the selected one first, the others as the region lists them. */
export function areasInOrder(areas: readonly string[], first?: string): string[] {
  return first && areas.includes(first) ? [first, ...areas.filter((a) => a !== first)] : [...areas];
}

function kpiRows(doc: ResultDocument, area: string): HTMLElement {
  const kpis = doc.aggregate.kpis;
  const names = kpiNamesOf(doc.provenance.region);
  const days = doc.aggregate.horizonDays;
  return h(
    'table',
    { class: 'differences kpi-table', 'data-area': area },
    h('caption', null, t('report.areaKpis')),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        [t('compare.kpi'), t('report.mean'), t('compare.ci'), 'n'].map((x) => h('th', { scope: 'col' }, x)),
      ),
    ),
    h(
      'tbody',
      null,
      areaSectionKeys(area).flatMap((key) => {
        const e = kpis[key];
        if (!e) return [];
        const unit = kpiUnit(key);
        return [
          h(
            'tr',
            { 'data-kpi': key },
            h('th', { scope: 'row' }, kpiLabel(key, lang(), names)),
            h(
              'td',
              { class: 'num' },
              formatKpi(e.mean, unit, lang()),
              unit === 'patientDays'
                ? h('span', { class: 'per-day' }, ` (${perDayText(e.mean, days)})`)
                : null,
            ),
            h(
              'td',
              { class: 'num' },
              e.n >= 2 ? `${formatKpi(e.lo, unit, lang())} – ${formatKpi(e.hi, unit, lang())}` : '–',
            ),
            h('td', { class: 'num' }, String(e.n)),
          ),
        ];
      }),
    ),
  );
}

export function areaSections(
  doc: ResultDocument,
  options: { comparison?: Comparison; first?: string; notes: string[] },
): HTMLElement {
  const region = doc.provenance.region;
  const areaName = areaNamer(region);
  const ids = region.areas.map((a) => a.id);
  const names = kpiNamesOf(region);
  return h(
    'div',
    { class: 'report-areas' },
    h('h2', { class: 'areas-title' }, t('report.areas')),
    h('p', { class: 'muted small' }, t('area.basisNote')),
    areasInOrder(ids, options.first).map((area) =>
      h(
        'div',
        { class: 'report-area', 'data-area': area },
        section(
          areaName(area),
          h('div', { class: 'table-wrap' }, kpiRows(doc, area)),
          options.comparison
            ? differenceTableElement(
                areaSectionKeys(area),
                options.comparison,
                t('report.areaDifferences'),
                names,
              )
            : null,
          flowTableElement(doc.aggregate.flow, {
            areas: ids,
            areaName,
            horizonDays: doc.aggregate.horizonDays,
            area,
            fileParts: ['report', doc.provenance.scenario.id, area, 'areas'],
            notes: options.notes,
          }),
        ),
      ),
    ),
  );
}
