// A hospital picked on the results map: its beds by function (mean capacity over the horizon,
// levers included), utilisation, admissions, ambulance inquiries it refused and overflow with
// their CIs, and its weekly utilisation band. Synthetic hospitals say so.
import { FUNCTION_NAMES, BED_FUNCTION_ORDER, word } from '../charts/labels';
import { formatKpi } from '../charts/kpi-cards';
import type { KpiUnit } from '../charts/kpi-labels';
import { occupancyChart, panelsFromHospitalWeeks, type OccupancyPanel } from '../charts/occupancy-chart';
import { occupancyTable } from '../export/tables';
import { withExports } from '../export/toolbar';
import type { ResultDocument } from '../api/types';
import { lang, localized, t } from '../i18n';
import { h } from '../ui/dom';
import { inputsLine, provenanceBadges } from '../ui/provenance';
import { areaNamer } from './region-labels';

/** The hospital's weekly utilisation band, with its exports. */
function weeklyChart(hospitalId: string, panels: OccupancyPanel[], footnote: string): HTMLElement {
  const slot = h(
    'div',
    { class: 'chart-slot', 'data-chart': 'hospital-weekly' },
    occupancyChart(panels, {
      lang: lang(),
      band: 'ci',
      width: 520,
      panelHeight: 90,
      rowLabel: () => '',
      columnLabel: () => t('results.weekly'),
      xLabel: word('week', lang()),
    }),
  );
  return withExports(slot, ['hospital', hospitalId, 'weekly'], () =>
    occupancyTable(
      { heading: t('export.hospitalHeading', { hospital: hospitalId }), notes: [footnote] },
      panels,
      {
        what: t('results.weekly'),
        band: t('csv.band.ci'),
        xName: 'week',
        rowName: 'hospital',
      },
    ),
  );
}

export function hospitalDetail(doc: ResultDocument, hospitalId: string | null): HTMLElement {
  if (!hospitalId) return h('p', { class: 'muted' }, t('results.hospitalNone'));
  const region = doc.provenance.region;
  const hospital = region.hospitals.find((x) => x.id === hospitalId);
  const summary = doc.aggregate.hospitals.find((x) => x.hospital === hospitalId);
  // capacity per function: the same in every replication (levers are deterministic); take the first
  const capacity = doc.replications[0]?.hospitals.find((x) => x.hospital === hospitalId)?.capacity;
  const weekly = doc.aggregate.weeklyHospitalOccupancy.filter((w) => w.hospital === hospitalId);
  const ci = (
    label: string,
    estimate: { mean: number; lo: number; hi: number; n: number } | undefined,
    unit: KpiUnit,
  ) =>
    estimate
      ? [
          h('dt', null, label),
          h(
            'dd',
            null,
            `${formatKpi(estimate.mean, unit, lang())}`,
            estimate.n >= 2
              ? h(
                  'span',
                  { class: 'muted small' },
                  ` (${formatKpi(estimate.lo, unit, lang())} – ${formatKpi(estimate.hi, unit, lang())})`,
                )
              : null,
          ),
        ]
      : [];
  return h(
    'div',
    { class: 'hospital-detail', 'data-hospital': hospitalId },
    h(
      'h3',
      null,
      hospital ? localized(hospital.name) : hospitalId,
      ' ',
      ...provenanceBadges(hospital?.provenance),
    ),
    h('p', { class: 'muted' }, hospital ? areaNamer(region)(hospital.area) : ''),
    capacity
      ? h(
          'table',
          { class: 'beds' },
          h('caption', null, t('results.hospitalBeds')),
          h(
            'tr',
            null,
            BED_FUNCTION_ORDER.map((fn) => h('th', { scope: 'col' }, FUNCTION_NAMES[fn][lang()])),
          ),
          h(
            'tr',
            null,
            BED_FUNCTION_ORDER.map((fn) =>
              h('td', { class: 'num' }, formatKpi(capacity[fn], 'beds', lang(), 0)),
            ),
          ),
        )
      : null,
    h(
      'dl',
      { class: 'detail-list' },
      ci(t('results.utilisation'), summary?.utilisation, 'percent'),
      ci(t('results.admissions'), summary?.admissions, 'patients'),
      ci(t('results.refusals'), summary?.refusals, 'cases'),
      ci(t('results.overflow'), summary?.overflow, 'patients'),
    ),
    weekly.length
      ? weeklyChart(hospitalId, panelsFromHospitalWeeks(weekly), inputsLine(doc.provenance.inputs))
      : null,
  );
}
