// Compare two completed runs side by side: what differs between their scenarios (settings and
// levers), then b − a per KPI with its 95 % CI from GET /api/compare — paired on common random
// numbers when both runs share seed and replications, otherwise unpaired (Welch), and the page
// says which. Significant differences (CI excluding 0) are highlighted in the chart and table.
// With only b chosen, a defaults to b's own baseline run (same seed, replications and horizon);
// when there is none the page offers to run the baseline with b's settings, then compares.
import type { ResultDocument, RunView } from '../api/types';
import { differenceChart, shapeDifferences } from '../charts/difference-chart';
import { HEADLINE_KPIS } from '../charts/kpi-catalogue';
import { kpiNamesOf } from '../charts/kpi-labels';
import { provideExportCaption, resultCaption } from '../export/caption';
import { withExports } from '../export/toolbar';
import { differenceTable } from '../export/tables';
import { fmt, lang, localized, t } from '../i18n';
import { href } from '../router';
import { h, replace } from '../ui/dom';
import { inputsLine } from '../ui/provenance';
import { chartSlot, errorLine, loading, progressBar, section } from '../ui/widgets';
import {
  baselineCandidates,
  baselineOf,
  baselineRunRequest,
  firstWithHorizon,
  type RunSettings,
} from './baseline-run';
import { areaKpiKeys, practicallySignificant } from '@caretwin/contracts';
import { areaIn, areaSelect, reportHref } from '../ui/area-filter';
import { areaDifferenceTableElement, areaKpiDefinitions } from './area-tables';
import { differenceTableElement, labelOf, leverSection, methodBanner } from './compare-parts';
import { areaNamer } from './region-labels';
import type { View, ViewContext } from './context';

type CompareRoute = { name: 'compare'; a?: string; b?: string };

function runLabel(run: RunView): string {
  return `${run.scenarioId} · ${fmt.dateTime(run.createdAt)} · ${t('compare.seedReps', { seed: run.seed, n: run.replications.completed })}`;
}

/** Two selects of completed runs, on a and b as chosen (a left to choose when it is ''). */
function picker(runs: readonly RunView[], a: string, b: string, context: ViewContext): HTMLElement {
  const select = (field: 'a' | 'b', value: string): HTMLSelectElement =>
    h(
      'select',
      { 'data-field': `compare.${field}`, 'aria-label': t(field === 'a' ? 'compare.a' : 'compare.b') },
      value ? null : h('option', { value: '', selected: true, disabled: true }, t('compare.chooseA')),
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
    if (selectA.value && selectB.value)
      context.navigate({ name: 'compare', a: selectA.value, b: selectB.value });
  });
  return form;
}

/** How `a` was chosen when only b was given. */
type DefaultA =
  | { kind: 'chosen' }
  | { kind: 'baseline'; baseline: string }
  | { kind: 'missing'; settings: RunSettings }
  | { kind: 'newest' };

/**
 * a for b: b's baseline run with b's seed, replications and horizon; none → the settings to
 * run it with; b without a baseline → the newest other run, as before. Results read here are
 * kept in `results` (the match becomes a and is not read twice).
 */
async function defaultA(
  b: string,
  runs: readonly RunView[],
  context: ViewContext,
  results: Map<string, Promise<ResultDocument>>,
): Promise<{ a: string; how: DefaultA; extra?: RunView }> {
  const doc = await resultOf(b, context, results);
  const baseline = await baselineOf(doc.provenance.scenario, (ref) =>
    context.rest.scenario(ref).then(
      (view) => view.scenario?.extends,
      () => undefined,
    ),
  );
  if (!baseline) return { a: runs.find((r) => r.id !== b)?.id ?? '', how: { kind: 'newest' } };
  const settings: RunSettings = {
    scenarioId: baseline,
    seed: doc.provenance.seed,
    replications: doc.provenance.replications,
    horizonDays: doc.aggregate.horizonDays,
  };
  const { items } = await context.rest.runs({ scenario: baseline, state: 'completed', limit: 100 });
  // the horizon is in the result only: read at most a few candidates' results
  const match = await firstWithHorizon(
    baselineCandidates(items, settings).slice(0, 4),
    settings.horizonDays,
    async (id) => (await resultOf(id, context, results)).aggregate.horizonDays,
  );
  return match
    ? { a: match.id, how: { kind: 'baseline', baseline }, extra: match }
    : { a: '', how: { kind: 'missing', settings } };
}

const resultOf = (
  id: string,
  context: ViewContext,
  results: Map<string, Promise<ResultDocument>>,
): Promise<ResultDocument> => {
  let doc = results.get(id);
  if (!doc) {
    doc = context.rest.result(id);
    results.set(id, doc);
  }
  return doc;
};

/** "Run the baseline with these settings": starts it, follows it, then compares it with b. */
function baselineOffer(
  settings: RunSettings,
  b: string,
  context: ViewContext,
  isAlive: () => boolean,
): HTMLElement {
  const status = h('div', { class: 'baseline-status', 'aria-live': 'polite' });
  const button = h(
    'button',
    { type: 'button', class: 'primary', 'data-action': 'run-baseline' },
    t('compare.runBaseline'),
  );
  const follow = (id: string): void => {
    if (!isAlive()) return;
    context.rest.run(id).then(
      (run) => {
        if (!isAlive()) return;
        if (run.state === 'completed') context.navigate({ name: 'compare', a: id, b });
        else if (run.state === 'queued' || run.state === 'running') {
          replace(
            status,
            h(
              'p',
              null,
              t('compare.baselineRunning'),
              ' ',
              h('a', { href: href({ name: 'live', runId: id }) }, t('runs.live')),
            ),
            progressBar(run.progress.percent, t('compare.baselineRunning')),
          );
          setTimeout(() => follow(id), 1500);
        } else replace(status, h('p', { class: 'error' }, t('compare.baselineEnded', { state: run.state })));
      },
      () => setTimeout(() => follow(id), 3000), // a lost answer: ask again
    );
  };
  button.addEventListener('click', () => {
    button.disabled = true;
    context.rest.startRun(baselineRunRequest(settings)).then(
      (started) => {
        replace(status, h('p', null, t('compare.baselineRunning')));
        follow(started.id);
      },
      (error: unknown) => {
        button.disabled = false;
        replace(status, errorLine(error));
      },
    );
  });
  return h(
    'div',
    { class: 'baseline-offer card', 'data-baseline': 'missing' },
    h(
      'p',
      null,
      t('compare.noBaselineRun', {
        baseline: settings.scenarioId,
        seed: settings.seed,
        n: settings.replications,
        horizon: fmt.number(settings.horizonDays),
      }),
    ),
    button,
    status,
  );
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
      const bId = route.b ?? items[0]?.id ?? '';
      if (!bId) {
        root.replaceChildren(...header, h('p', { class: 'muted' }, t('compare.needTwo')));
        return;
      }
      const results = new Map<string, Promise<ResultDocument>>();
      root.replaceChildren(...header, loading());
      const chosen = route.a
        ? { a: route.a, how: { kind: 'chosen' } as DefaultA }
        : await defaultA(bId, items, context, results);
      if (!alive) return;
      const runs =
        'extra' in chosen && chosen.extra && !items.some((r) => r.id === chosen.a)
          ? [...items, chosen.extra]
          : items;
      const form = picker(runs, chosen.a, bId, context);
      const note =
        chosen.how.kind === 'baseline'
          ? h(
              'p',
              { class: 'baseline-note', 'data-baseline': 'found' },
              t('compare.baselineFound', { baseline: chosen.how.baseline }),
            )
          : null;
      if (chosen.how.kind === 'missing') {
        root.replaceChildren(
          ...header,
          form,
          baselineOffer(chosen.how.settings, bId, context, () => alive),
        );
        return;
      }
      if (!chosen.a) {
        root.replaceChildren(...header, form, h('p', { class: 'muted' }, t('compare.needTwo')));
        return;
      }
      // b has no baseline: the newest other run is only a suggestion, compared when asked
      if (chosen.how.kind === 'newest') {
        root.replaceChildren(...header, form);
        return;
      }
      const aId = chosen.a;
      root.replaceChildren(...header, form, loading());
      const [a, b, view] = await Promise.all([
        resultOf(aId, context, results),
        resultOf(bId, context, results),
        context.rest.compare(aId, bId),
      ]);
      if (!alive) return;
      const started = performance.now();
      const { comparison } = view;
      const footnote = `${comparison.method === 'paired' ? t('compare.paired') : t('compare.unpaired')} · ${inputsLine(b.provenance.inputs)}`;
      // b's region names the areas and conditions of the keys (a what-if shares its baseline's region)
      const names = kpiNamesOf(b.provenance.region);
      // the area filter (issue 16): the chart and the headline table show that area's local KPIs
      const areaIds = b.provenance.region.areas.map((x) => x.id);
      const area = areaIn(areaIds);
      const areaName = areaNamer(b.provenance.region);
      const definitions = area ? areaKpiDefinitions(area, names) : HEADLINE_KPIS;
      const rows = shapeDifferences(comparison.kpis, definitions, lang());
      const chart = chartSlot('differences');
      chart.append(
        differenceChart(rows, {
          lang: lang(),
          methodLabel: comparison.paired ? t('compare.paired') : t('compare.unpaired'),
          footnote,
        }),
      );
      const tables = {
        heading: `CareTwin — ${t('compare.title')}: a ${aId} (${comparison.a.scenarioId}), b ${bId} (${comparison.b.scenarioId})`,
        notes: [inputsLine(b.provenance.inputs)],
      };
      const headline = (area ? areaKpiKeys([area]) : HEADLINE_KPIS.map((d) => d.key)).filter(
        (k) => comparison.kpis[k],
      );
      const all = Object.keys(comparison.kpis).sort();
      const significantCount = all.filter((k) => practicallySignificant(k, comparison.kpis[k])).length;
      const areaBar = h(
        'p',
        { class: 'area-bar' },
        areaSelect(areaIds, areaName),
        ' ',
        h(
          'a',
          { href: reportHref(bId, aId, area), target: '_blank', rel: 'noopener', 'data-action': 'report' },
          t('report.link'),
        ),
      );
      root.replaceChildren(
        ...header,
        form,
        note ?? '',
        h(
          'h2',
          { class: 'compare-title' },
          t('compare.heading', {
            a: localized(a.provenance.scenario.name, a.provenance.scenario.id),
            b: localized(b.provenance.scenario.name, b.provenance.scenario.id),
          }),
        ),
        areaBar,
        methodBanner(comparison),
        h('div', { class: 'grid two' }, runCard('a', aId, a), runCard('b', bId, b)),
        leverSection(a, b),
        section(
          t('area.differencesTitle'),
          areaDifferenceTableElement(comparison, {
            areas: areaIds,
            areaName,
            area,
            fileParts: ['compare', aId, bId, 'areas'],
            notes: tables.notes,
          }),
        ),
        section(
          t('compare.differences'),
          h(
            'p',
            { class: 'muted' },
            t('compare.significantCount', { n: significantCount, total: all.length }),
          ),
          withExports(chart, ['compare', aId, bId, 'differences'], () =>
            differenceTable(tables, comparison, (key) => labelOf(key, names)),
          ),
          differenceTableElement(
            headline,
            comparison,
            area ? `${t('compare.headline')}: ${areaName(area)}` : t('compare.headline'),
            names,
          ),
          h(
            'details',
            { class: 'all-kpis' },
            h('summary', null, t('compare.allKpis', { n: all.length })),
            differenceTableElement(all, comparison, t('compare.allKpis', { n: all.length }), names),
          ),
        ),
      );
      // exported charts say a vs b, the period, the replications and the date
      provideExportCaption(root, () => resultCaption(b, a));
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
