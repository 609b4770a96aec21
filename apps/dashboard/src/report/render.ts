// The standalone report: one page a planner can mail, drawn in the browser from the embedded
// result with the dashboard's own chart modules — scenario description, levers (or the lever
// differences against a baseline), KPIs with 95 % CIs and days over 95 % full by area ×
// function, the comparison when there is one, the map, occupancy, flows, the static need with
// beds short or over, time distributions, and the assumptions. Every chart
// keeps its export toolbar (blob: downloads work from a file:// page too).
import { assumptionsSections } from '../assumptions/render';
import { differenceChart, shapeDifferences } from '../charts/difference-chart';
import { distributionChart, shapeAmbulanceTimes, shapeTimeToCare } from '../charts/distribution-chart';
import { flowChart, shapeFlows } from '../charts/flow-chart';
import { fullDaysChart, shapeFullDays } from '../charts/full-days-chart';
import { formatKpi, kpiCards, shapeKpiCards } from '../charts/kpi-cards';
import { HEADLINE_KPIS } from '../charts/kpi-catalogue';
import { kpiNamesOf } from '../charts/kpi-labels';
import { BED_FUNCTION_ORDER, word } from '../charts/labels';
import { needChart, shapeNeed } from '../charts/need-chart';
import { occupancyChart, panelsFromAggregate } from '../charts/occupancy-chart';
import { prefectureMap } from '../charts/prefecture-map';
import { provideExportCaption, resultCaption } from '../export/caption';
import { withExports } from '../export/toolbar';
import {
  differenceTable,
  distributionTable,
  flowTable,
  fullDaysTable,
  kpiTable,
  mapTable,
  needTable,
  occupancyTable,
  type TableContext,
} from '../export/tables';
import { fmt, lang, localized, setLang, t } from '../i18n';
import { settingText } from '../levers/describe';
import { h } from '../ui/dom';
import { inputsBanner, inputsLine } from '../ui/provenance';
import { chartSlot, section } from '../ui/widgets';
import {
  differenceTableElement,
  labelOf,
  leverList,
  leverSection,
  methodBanner,
} from '../views/compare-parts';
import { needTableElement } from '../views/need-panel';
import { areaNamer, functionName } from '../views/region-labels';
import { resultMapData } from '../views/results';
import { withPerDay } from '../views/area-tables';
import { areaSections } from './area-sections';
import type { ReportPayload } from './payload';
import { baselineName, summarySentences } from './summary';
import './report.css';

interface VersionedProvenance {
  model?: { name: string; version: string };
  data?: { region: string; version: string };
  reproducibility?: { hash: string };
}

function settingsList(payload: ReportPayload): HTMLElement {
  const { scenario } = payload.result.provenance;
  const a = payload.result.aggregate;
  const row = (label: string, value: string): HTMLElement[] => [h('dt', null, label), h('dd', null, value)];
  return h(
    'dl',
    { class: 'detail-list settings' },
    row(t('editor.year'), String(scenario.year)),
    row(
      t('report.period'),
      t('report.periodValue', {
        start: a.startDate,
        warmup: fmt.number(a.warmupDays),
        horizon: fmt.number(a.horizonDays),
      }),
    ),
    row(t('runs.replications'), String(payload.result.provenance.replications)),
    row(t('runs.seed'), String(payload.result.provenance.seed)),
    row(t('editor.demand'), scenario.demand.multiplier),
    row(t('report.initialCensus'), settingText('initialCensus', scenario.initialCensus.mode, lang())),
    baselineRow(payload),
  );
}

/** 基準シナリオ: the compared baseline run's scenario, else what the scenario extends (never itself). */
function baselineRow(payload: ReportPayload): HTMLElement[] {
  const name = baselineName(payload.result, payload.baseline?.result);
  return name ? [h('dt', null, t('report.extends')), h('dd', { 'data-field': 'baseline' }, name)] : [];
}

function kpiTableElement(payload: ReportPayload): HTMLElement {
  const kpis = payload.result.aggregate.kpis;
  return h(
    'table',
    { class: 'differences kpi-table' },
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
      HEADLINE_KPIS.flatMap((d) => {
        const e = kpis[d.key];
        if (!e) return [];
        return [
          h(
            'tr',
            { 'data-kpi': d.key },
            h('th', { scope: 'row' }, d.label[lang()]),
            h('td', { class: 'num' }, formatKpi(e.mean, d.unit, lang())),
            h(
              'td',
              { class: 'num' },
              e.n >= 2 ? `${formatKpi(e.lo, d.unit, lang())} – ${formatKpi(e.hi, d.unit, lang())}` : '–',
            ),
            h('td', { class: 'num' }, String(e.n)),
          ),
        ];
      }),
    ),
  );
}

const say = (ja: string, en: string): string => (lang() === 'ja' ? ja : en);

function provenanceFooter(payload: ReportPayload): HTMLElement {
  const p = payload.result.provenance as ReportPayload['result']['provenance'] & VersionedProvenance;
  const runId = (payload.result.execution as { runId?: unknown }).runId;
  return h(
    'footer',
    { class: 'report-footer muted small' },
    h(
      'p',
      null,
      t('report.generated', {
        generator: payload.generator,
        at: fmt.dateTime(payload.generatedAt),
        // "run <id>" or a file name: the word in the page's language
        source: payload.source.replace(/^run /, `${say('実行', 'run')} `),
      }),
    ),
    // versions, hashes and ids: identifiers, not words to translate
    h(
      'p',
      { translate: 'no' },
      [
        `${p.software.name} ${p.software.version}`,
        p.model ? `${p.model.name} ${p.model.version}` : '',
        p.data ? `${say('データ', 'data')} ${p.data.region} ${p.data.version.slice(0, 19)}…` : '',
        p.reproducibility ? `${say('再現用ハッシュ', 'reproducibility')} ${p.reproducibility.hash}` : '',
        typeof runId === 'string' ? `${say('実行', 'run')} ${runId}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
    ),
  );
}

/** Draws the whole report into `root` in the current language. */
export function renderReport(root: HTMLElement, payload: ReportPayload): void {
  const doc = payload.result;
  const { scenario, region, inputs } = doc.provenance;
  const aggregate = doc.aggregate;
  const footnote = inputsLine(inputs);
  const areaName = areaNamer(region);
  const stem = ['report', scenario.id];
  const tables: TableContext = {
    heading: t('export.runHeading', {
      scenario: scenario.id,
      seed: doc.provenance.seed,
      replications: doc.provenance.replications,
    }),
    notes: [footnote],
  };

  const kpis = chartSlot('kpi-cards');
  const cards = withPerDay(shapeKpiCards(aggregate.kpis, HEADLINE_KPIS, lang()), aggregate.horizonDays);
  kpis.append(kpiCards(cards, { lang: lang(), footnote }));

  const fullDaysShape = shapeFullDays(
    aggregate.kpis,
    region.areas.map((a) => a.id),
    aggregate.horizonDays,
  );
  const fullDays = chartSlot('full-days');
  fullDays.append(fullDaysChart(fullDaysShape, { lang: lang(), areaLabel: areaName, footnote }));

  const mapData = resultMapData(doc, payload.boundaries ?? null);
  const map = chartSlot('region-map');
  map.append(prefectureMap(mapData, { lang: lang(), footnote }));

  const panels = panelsFromAggregate(aggregate.dailyOccupancy);
  const occupancy = chartSlot('occupancy');
  occupancy.append(
    occupancyChart(panels, {
      lang: lang(),
      band: 'ci',
      rows: region.areas.map((a) => a.id),
      columns: [...BED_FUNCTION_ORDER],
      rowLabel: areaName,
      columnLabel: functionName,
      targets: region.occupancyTargets,
      xLabel: word('dayAfterWarmup', lang()),
      footnote,
    }),
  );

  const flowShape = shapeFlows(aggregate.flow);
  const flows = chartSlot('flows');
  flows.append(flowChart(flowShape, { lang: lang(), areaLabel: areaName, footnote }));

  const needRows = shapeNeed(aggregate.staticNeed, 'home', aggregate.kpis);
  const need = chartSlot('need');
  need.append(
    needChart(needRows, {
      lang: lang(),
      areas: region.areas.map((a) => a.id),
      areaLabel: areaName,
      footnote,
      idPrefix: 'report-need',
    }),
  );

  const ambulanceRows = shapeAmbulanceTimes(doc.replications, aggregate.kpis, lang());
  const ambulance = chartSlot('ambulance');
  ambulance.append(distributionChart(ambulanceRows, { lang: lang(), footnote }));
  const careRows = shapeTimeToCare(region.conditions, doc.replications, aggregate.kpis, lang());
  const timeToCare = chartSlot('time-to-care');
  timeToCare.append(distributionChart(careRows, { lang: lang(), scale: 'log', footnote }));

  const comparison = payload.baseline
    ? (() => {
        const { comparison: c, result: base } = payload.baseline;
        const chart = chartSlot('differences');
        chart.append(
          differenceChart(shapeDifferences(c.kpis, HEADLINE_KPIS, lang()), {
            lang: lang(),
            methodLabel: c.paired ? t('compare.paired') : t('compare.unpaired'),
            footnote,
          }),
        );
        const headline = HEADLINE_KPIS.map((d) => d.key).filter((k) => c.kpis[k]);
        const names = kpiNamesOf(region);
        return [
          leverSection(base, doc),
          section(
            t('report.comparison', {
              baseline: localized(base.provenance.scenario.name, base.provenance.scenario.id),
            }),
            methodBanner(c),
            withExports(chart, [...stem, 'differences'], () =>
              differenceTable(tables, c, (key) => labelOf(key, names)),
            ),
            differenceTableElement(headline, c, t('compare.headline'), names),
          ),
        ];
      })()
    : [section(t('report.levers'), leverList(scenario, region))];

  const other = lang() === 'ja' ? 'en' : 'ja';
  root.replaceChildren(
    h(
      'header',
      { class: 'report-header' },
      h('span', { class: 'brand' }, t('app.title')),
      h(
        'button',
        { type: 'button', class: 'lang-switch', 'data-lang': other, onclick: () => setLang(other) },
        t('lang.switch'),
      ),
    ),
    h(
      'main',
      { id: 'main' },
      h('h1', null, t('report.title', { scenario: localized(scenario.name, scenario.id) })),
      h(
        'p',
        { class: 'meta' },
        `${scenario.id} · ${localized(region.name, region.id)} · ${t('results.meta', { seed: doc.provenance.seed, replications: doc.provenance.replications, horizon: fmt.number(aggregate.horizonDays), warmup: fmt.number(aggregate.warmupDays), year: scenario.year })}`,
      ),
      section(
        t('report.summary'),
        h(
          'p',
          { class: 'summary', 'data-summary': 'true' },
          summarySentences(doc, payload.baseline).join(lang() === 'ja' ? '' : ' '),
        ),
      ),
      inputsBanner(inputs),
      section(
        t('report.scenario'),
        h('p', { class: 'description' }, localized(scenario.description)),
        settingsList(payload),
      ),
      comparison,
      areaSections(doc, { comparison: payload.baseline?.comparison, first: payload.area, notes: [footnote] }),
      section(
        t('results.kpis'),
        withExports(kpis, [...stem, 'kpis'], () => kpiTable(tables, cards)),
        kpiTableElement(payload),
      ),
      section(
        t('results.fullDays'),
        withExports(fullDays, [...stem, 'full-days'], () => fullDaysTable(tables, fullDaysShape, areaName)),
      ),
      section(
        t('results.map'),
        withExports(map, [...stem, 'region-map'], () => mapTable(tables, mapData)),
      ),
      section(
        t('results.occupancy'),
        withExports(occupancy, [...stem, 'occupancy'], () =>
          occupancyTable(tables, panels, {
            what: t('results.occupancy'),
            band: t('csv.band.ci'),
            xName: 'dayAfterWarmup',
            rowName: 'area',
            rowLabel: areaName,
            columnLabel: functionName,
          }),
        ),
      ),
      section(
        t('results.flows'),
        withExports(flows, [...stem, 'flows'], () => flowTable(tables, flowShape, areaName)),
      ),
      section(
        t('results.need'),
        withExports(need, [...stem, 'static-need'], () =>
          needTable(tables, needRows, t('need.basis.home'), areaName),
        ),
        h('div', { class: 'table-wrap' }, needTableElement(needRows, region.areas, areaName, true)),
      ),
      section(
        t('results.ambulance'),
        withExports(ambulance, [...stem, 'ambulance'], () =>
          distributionTable(tables, t('results.ambulance'), ambulanceRows),
        ),
      ),
      section(
        t('results.timeToCare'),
        withExports(timeToCare, [...stem, 'time-to-care'], () =>
          distributionTable(tables, t('results.timeToCare'), careRows),
        ),
      ),
      h('h2', { class: 'assumptions-title' }, t('assumptions.title')),
      assumptionsSections({ sources: region.sources, inputs, regionName: region.name }),
      provenanceFooter(payload),
    ),
  );
  provideExportCaption(root, () => resultCaption(doc));
}
