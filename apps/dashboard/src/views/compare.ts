// Compare two completed runs side by side: what differs between their scenarios (settings and
// levers), then b − a per KPI with its 95 % CI from GET /api/compare — paired on common random
// numbers when both runs share seed and replications, otherwise unpaired (Welch), and the page
// says which. Significant differences (CI excluding 0) are highlighted in the chart and table.
import type { ResultDocument, RunView } from '../api/types';
import { differenceChart, shapeDifferences } from '../charts/difference-chart';
import { HEADLINE_KPIS } from '../charts/kpi-catalogue';
import { kpiNamesOf } from '../charts/kpi-labels';
import { withExports } from '../export/toolbar';
import { differenceTable } from '../export/tables';
import { fmt, lang, localized, t } from '../i18n';
import { href } from '../router';
import { h } from '../ui/dom';
import { inputsLine } from '../ui/provenance';
import { chartSlot, errorLine, loading, section } from '../ui/widgets';
import { differenceTableElement, labelOf, leverSection, methodBanner } from './compare-parts';
import type { View, ViewContext } from './context';

type CompareRoute = { name: 'compare'; a?: string; b?: string };

function runLabel(run: RunView): string {
  return `${run.scenarioId} · ${fmt.dateTime(run.createdAt)} · ${t('compare.seedReps', { seed: run.seed, n: run.replications.completed })}`;
}

/** Two selects of completed runs; the newest other run is the default baseline. */
function picker(runs: readonly RunView[], route: CompareRoute, context: ViewContext): HTMLElement {
  const b = route.b ?? runs[0]?.id ?? '';
  const a = route.a ?? runs.find((r) => r.id !== b)?.id ?? '';
  const select = (field: 'a' | 'b', value: string): HTMLSelectElement =>
    h(
      'select',
      { 'data-field': `compare.${field}`, 'aria-label': t(field === 'a' ? 'compare.a' : 'compare.b') },
      runs.map((run) => h('option', { value: run.id, selected: run.id === value }, runLabel(run))),
    );
  const selectA = select('a', a);
  const selectB = select('b', b);
  const form = h(
    'form',
    { class: 'compare-picker' },
    h('label', null, h('span', null, t('compare.a')), selectA),
    h('label', null, h('span', null, t('compare.b')), selectB),
    h('button', { type: 'submit', class: 'primary', 'data-action': 'compare' }, t('compare.submit')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    context.navigate({ name: 'compare', a: selectA.value, b: selectB.value });
  });
  return form;
}

function runCard(role: 'a' | 'b', runId: string, doc: ResultDocument): HTMLElement {
  const { scenario, region } = doc.provenance;
  const row = (label: string, value: string): HTMLElement[] => [h('dt', null, label), h('dd', null, value)];
  return h(
    'section',
    { class: `card run-side side-${role}`, 'data-side': role, 'data-run': runId },
    h(
      'h2',
      null,
      `${role === 'a' ? t('compare.a') : t('compare.b')}: ${localized(scenario.name, scenario.id)}`,
    ),
    h(
      'dl',
      { class: 'detail-list' },
      row(t('runs.scenario'), scenario.id),
      row(t('compare.region'), localized(region.name, region.id)),
      row(t('runs.seed'), String(doc.provenance.seed)),
      row(t('runs.replications'), String(doc.provenance.replications)),
      row(t('runs.horizonDays'), fmt.number(doc.aggregate.horizonDays)),
      row(t('editor.year'), String(scenario.year)),
    ),
    h('p', null, h('a', { href: href({ name: 'results', runId }) }, t('runs.results'))),
    h('p', { class: 'muted small' }, inputsLine(doc.provenance.inputs)),
  );
}

export const compareView: View<CompareRoute> = (root, route, context) => {
  let alive = true;
  const load = async (): Promise<void> => {
    root.replaceChildren(loading());
    try {
      const { items } = await context.rest.runs({ state: 'completed', limit: 100 });
      if (!alive) return;
      const header = [h('h1', null, t('compare.title')), h('p', { class: 'intro' }, t('compare.intro'))];
      if (items.length < 2 && !(route.a && route.b)) {
        root.replaceChildren(...header, h('p', { class: 'muted' }, t('compare.needTwo')));
        return;
      }
      const form = picker(items, route, context);
      if (!route.a || !route.b) {
        root.replaceChildren(...header, form);
        return;
      }
      root.replaceChildren(...header, form, loading());
      const [a, b, view] = await Promise.all([
        context.rest.result(route.a),
        context.rest.result(route.b),
        context.rest.compare(route.a, route.b),
      ]);
      if (!alive) return;
      const started = performance.now();
      const { comparison } = view;
      const footnote = `${comparison.method === 'paired' ? t('compare.paired') : t('compare.unpaired')} · ${inputsLine(b.provenance.inputs)}`;
      const rows = shapeDifferences(comparison.kpis, HEADLINE_KPIS, lang());
      const chart = chartSlot('differences');
      chart.append(
        differenceChart(rows, {
          lang: lang(),
          methodLabel: comparison.paired ? t('compare.paired') : t('compare.unpaired'),
          footnote,
        }),
      );
      const tables = {
        heading: `CareTwin — ${t('compare.title')}: a ${route.a} (${comparison.a.scenarioId}), b ${route.b} (${comparison.b.scenarioId})`,
        notes: [inputsLine(b.provenance.inputs)],
      };
      const headline = HEADLINE_KPIS.map((d) => d.key).filter((k) => comparison.kpis[k]);
      // b's region names the areas and conditions of the keys (a what-if shares its baseline's region)
      const names = kpiNamesOf(b.provenance.region);
      const all = Object.keys(comparison.kpis).sort();
      const significantCount = all.filter((k) => comparison.kpis[k].significant).length;
      root.replaceChildren(
        ...header,
        form,
        h(
          'h2',
          { class: 'compare-title' },
          t('compare.heading', {
            a: localized(a.provenance.scenario.name, a.provenance.scenario.id),
            b: localized(b.provenance.scenario.name, b.provenance.scenario.id),
          }),
        ),
        methodBanner(comparison),
        h('div', { class: 'grid two' }, runCard('a', route.a, a), runCard('b', route.b, b)),
        leverSection(a, b),
        section(
          t('compare.differences'),
          h(
            'p',
            { class: 'muted' },
            t('compare.significantCount', { n: significantCount, total: all.length }),
          ),
          withExports(chart, ['compare', route.a, route.b, 'differences'], () =>
            differenceTable(tables, comparison, (key) => labelOf(key, names)),
          ),
          differenceTableElement(headline, comparison, t('compare.headline'), names),
          h(
            'details',
            { class: 'all-kpis' },
            h('summary', null, t('compare.allKpis', { n: all.length })),
            differenceTableElement(all, comparison, t('compare.allKpis', { n: all.length }), names),
          ),
        ),
      );
      root.dataset.renderMs = String(Math.round(performance.now() - started));
    } catch (error) {
      if (alive)
        root.replaceChildren(
          h('h1', null, t('compare.title')),
          errorLine(error, () => void load()),
        );
    }
  };
  void load();
  return () => {
    alive = false;
  };
};
