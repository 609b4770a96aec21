// Results of a completed run: KPI cards with CIs (difficult transports, inquiries refused,
// call wait, response time, recovery blocking…) and days over 95 % full by area × function;
// the map with hospitals coloured by occupancy (click for a hospital's detail); occupancy over
// time with CI bands; flows between areas with 自己完結率; the static need (必要病床数) with
// beds short or over beside the simulated census; ambulance and time-to-care distributions. Everything is drawn from the result document alone (it embeds
// the region and the scenario), and every chart carries the synthetic / estimated label.
import { distributionChart, shapeAmbulanceTimes, shapeTimeToCare } from '../charts/distribution-chart';
import { flowChart, shapeFlows } from '../charts/flow-chart';
import { fullDaysChart, shapeFullDays } from '../charts/full-days-chart';
import { kpiCards, shapeKpiCards } from '../charts/kpi-cards';
import { HEADLINE_KPIS } from '../charts/kpi-catalogue';
import { BED_FUNCTION_ORDER, word } from '../charts/labels';
import { occupancyChart, panelsFromAggregate } from '../charts/occupancy-chart';
import {
  prefectureMap,
  prefectureMapData,
  type BoundariesLike,
  type PrefectureMapData,
} from '../charts/prefecture-map';
import type { ResultDocument } from '../api/types';
import { downloadBlob } from '../export/download';
import { reproduceFile } from '../export/reproduce';
import {
  distributionTable,
  flowTable,
  fullDaysTable,
  kpiTable,
  mapTable,
  occupancyTable,
  type TableContext,
} from '../export/tables';
import { provideExportCaption, resultCaption } from '../export/caption';
import { withExports } from '../export/toolbar';
import { fmt, lang, localized, t } from '../i18n';
import { href } from '../router';
import { h, replace } from '../ui/dom';
import { inputsBanner, inputsLine } from '../ui/provenance';
import { chartSlot, errorLine, loading, section } from '../ui/widgets';
import type { View } from './context';
import { hospitalDetail } from './hospital-detail';
import { needPanel } from './need-panel';
import { kpiNamesOf } from '../charts/kpi-labels';
import { areaIn, areaSelect, reportHref, selectArea } from '../ui/area-filter';
import { areaKpiDefinitions, areaTableElement, flowTableElement, withPerDay } from './area-tables';
import { areaNamer, functionName } from './region-labels';

const CSV_TABLES = [
  'kpis',
  'areas',
  'occupancy',
  'hospitals',
  'flow',
  'static-need',
  'replications',
] as const;

/** What each CSV file of the api holds, in words (the link text; the table id stays in the URL). */
const CSV_TABLE_NAMES: Record<(typeof CSV_TABLES)[number], { ja: string; en: string }> = {
  kpis: { ja: '指標', en: 'KPIs' },
  areas: { ja: '医療圏別', en: 'by area' },
  occupancy: { ja: '日ごとの稼働', en: 'daily occupancy' },
  hospitals: { ja: '病院別', en: 'by hospital' },
  flow: { ja: '医療圏間の流れ', en: 'flows' },
  'static-need': { ja: '必要病床数', en: 'static need' },
  replications: { ja: '反復ごと', en: 'per replication' },
};

/** The map's data for a result: beds after the levers (mean capacity) and mean utilisation per hospital. */
export function resultMapData(
  doc: ResultDocument,
  boundaries: BoundariesLike | null = null,
): PrefectureMapData {
  const utilisation = new Map(doc.aggregate.hospitals.map((x) => [x.hospital, x.utilisation.mean]));
  const data = prefectureMapData(doc.provenance.region, lang(), boundaries, utilisation);
  const capacity = new Map(
    (doc.replications[0]?.hospitals ?? []).map((x) => [
      x.hospital,
      x.capacity.highAcute + x.capacity.acute + x.capacity.recovery + x.capacity.chronic,
    ]),
  );
  return {
    ...data,
    hospitals: data.hospitals.map((hospital) => ({
      ...hospital,
      beds: capacity.get(hospital.id) ?? hospital.beds,
    })),
  };
}

export const resultsView: View<{ name: 'results'; runId: string }> = (root, route, context) => {
  let alive = true;
  const load = async (): Promise<void> => {
    root.replaceChildren(loading());
    try {
      const doc = await context.rest.result(route.runId);
      // the map's boundaries (cached by the browser); without them the map still draws
      const boundaries = await context.rest
        .boundaries(doc.provenance.region.id)
        .catch((): BoundariesLike | null => null);
      if (!alive) return;
      const started = performance.now();
      render(doc, boundaries);
      root.dataset.renderMs = String(Math.round(performance.now() - started));
    } catch (error) {
      if (alive) root.replaceChildren(errorLine(error, () => void load()));
    }
  };

  const render = (doc: ResultDocument, boundaries: BoundariesLike | null): void => {
    const { scenario, region, inputs } = doc.provenance;
    const aggregate = doc.aggregate;
    const footnote = inputsLine(inputs);
    const areaName = areaNamer(region);
    let selected: string | null = null;
    // the area filter (issue 16): cards, full days, occupancy and the area tables of one area
    const areaIds = region.areas.map((a) => a.id);
    const area = areaIn(areaIds);
    const shownAreas = area ? [area] : areaIds;

    // every chart exports PNG, SVG and its data as CSV (headed by the synthetic / estimated inputs)
    const stem = (chart: string): string[] => ['results', route.runId, chart];
    const tables: TableContext = {
      heading: t('export.runHeadingWithId', {
        scenario: scenario.id,
        seed: doc.provenance.seed,
        replications: doc.provenance.replications,
        run: route.runId,
      }),
      notes: [footnote],
    };

    const kpis = chartSlot('kpi-cards');
    const definitions = area ? areaKpiDefinitions(area, kpiNamesOf(region)) : HEADLINE_KPIS;
    const cards = withPerDay(shapeKpiCards(aggregate.kpis, definitions, lang()), aggregate.horizonDays);
    kpis.append(kpiCards(cards, { lang: lang(), footnote }));

    const fullDays = chartSlot('full-days');
    const fullDaysShape = shapeFullDays(aggregate.kpis, shownAreas, aggregate.horizonDays);
    fullDays.append(fullDaysChart(fullDaysShape, { lang: lang(), areaLabel: areaName, footnote }));

    const map = chartSlot('region-map');
    const detail = h('div', { class: 'detail-slot', 'aria-live': 'polite' }, hospitalDetail(doc, null));
    const mapData = resultMapData(doc, boundaries);
    const drawMap = (): void => {
      map.replaceChildren(
        prefectureMap(mapData, {
          lang: lang(),
          footnote,
          // the area filter: the chosen area outlined, a click on a municipality chooses its area
          selectedArea: area,
          onAreaClick: (id) => selectArea(id === area ? null : id),
          selectedHospital: selected,
          onHospitalClick: (id) => {
            selected = id;
            drawMap();
            replace(detail, hospitalDetail(doc, id));
          },
        }),
      );
    };
    drawMap();

    const occupancy = chartSlot('occupancy');
    const panels = panelsFromAggregate(aggregate.dailyOccupancy);
    occupancy.append(
      occupancyChart(panels, {
        lang: lang(),
        band: 'ci',
        rows: shownAreas,
        columns: [...BED_FUNCTION_ORDER],
        rowLabel: areaName,
        columnLabel: functionName,
        targets: region.occupancyTargets,
        xLabel: word('dayAfterWarmup', lang()),
        footnote,
      }),
    );

    const flows = chartSlot('flows');
    const flowShape = shapeFlows(aggregate.flow);
    flows.append(flowChart(flowShape, { lang: lang(), areaLabel: areaName, footnote }));

    const areaOptions = {
      areas: areaIds,
      areaName,
      horizonDays: aggregate.horizonDays,
      area,
      fileParts: ['results', route.runId, 'areas'],
      notes: [tables.heading, footnote],
    };
    const areaTable = areaTableElement(aggregate.kpis, areaOptions);
    const flowsTable = flowTableElement(aggregate.flow, areaOptions);

    const ambulance = chartSlot('ambulance');
    const ambulanceRows = shapeAmbulanceTimes(doc.replications, aggregate.kpis, lang());
    ambulance.append(distributionChart(ambulanceRows, { lang: lang(), footnote }));
    const timeToCare = chartSlot('time-to-care');
    const careRows = shapeTimeToCare(region.conditions, doc.replications, aggregate.kpis, lang());
    timeToCare.append(distributionChart(careRows, { lang: lang(), scale: 'log', footnote }));

    // the resolved scenario with the run's seed, which `caretwin run` reruns to the same replications
    const reproduce = h(
      'button',
      {
        type: 'button',
        class: 'link',
        'data-action': 'reproduce',
        onclick: () => {
          const file = reproduceFile(doc, route.runId);
          downloadBlob(new Blob([file.text], { type: 'application/yaml;charset=utf-8' }), file.fileName);
        },
      },
      t('results.reproduce'),
    );

    const csv = h(
      'p',
      { class: 'csv-links' },
      `${t('results.csv')}: `,
      CSV_TABLES.map((table, i) => [
        i ? ' · ' : '',
        h(
          'a',
          {
            href: `/api/runs/${encodeURIComponent(route.runId)}/result.csv?table=${table}`,
            download: '',
            'data-table': table,
          },
          CSV_TABLE_NAMES[table][lang()],
        ),
      ]),
      ' · ',
      reproduce,
      ' · ',
      h(
        'a',
        { href: href({ name: 'compare', b: route.runId }), 'data-action': 'compare' },
        t('results.compareLink'),
      ),
      ' · ',
      h(
        'a',
        {
          href: reportHref(route.runId, undefined, area),
          target: '_blank',
          rel: 'noopener',
          'data-action': 'report',
        },
        t('report.link'),
      ),
    );

    root.replaceChildren(
      h('h1', null, t('results.title', { scenario: localized(scenario.name, scenario.id) })),
      h(
        'p',
        { class: 'meta' },
        t('results.meta', {
          seed: doc.provenance.seed,
          replications: doc.provenance.replications,
          horizon: fmt.number(aggregate.horizonDays),
          warmup: fmt.number(aggregate.warmupDays),
          year: scenario.year,
        }),
        ' · ',
        t('results.conservation', {
          ok: aggregate.conservationConsistent ? t('results.conservationOk') : t('results.conservationBad'),
        }),
      ),
      inputsBanner(inputs),
      h('p', { class: 'area-bar' }, areaSelect(areaIds, areaName)),
      csv,
      section(
        area ? `${t('results.kpis')}: ${areaName(area)}` : t('results.kpis'),
        withExports(kpis, stem('kpis'), () => kpiTable(tables, cards)),
      ),
      section(t('area.tableTitle'), areaTable),
      section(
        t('results.fullDays'),
        withExports(fullDays, stem('full-days'), () => fullDaysTable(tables, fullDaysShape, areaName)),
      ),
      h(
        'div',
        { class: 'grid map-detail' },
        section(
          t('results.map'),
          h('p', { class: 'muted small' }, t('results.mapHint')),
          withExports(map, stem('region-map'), () => mapTable(tables, mapData)),
        ),
        section(t('results.hospital'), detail),
      ),
      section(
        t('results.occupancy'),
        withExports(occupancy, stem('occupancy'), () =>
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
        withExports(flows, stem('flows'), () => flowTable(tables, flowShape, areaName)),
        flowsTable,
      ),
      section(
        t('results.need'),
        needPanel({
          region,
          staticNeed: aggregate.staticNeed,
          kpis: aggregate.kpis,
          footnote,
          id: 'results-need',
        }),
      ),
      section(
        t('results.ambulance'),
        withExports(ambulance, stem('ambulance'), () =>
          distributionTable(tables, t('results.ambulance'), ambulanceRows),
        ),
      ),
      section(
        t('results.timeToCare'),
        withExports(timeToCare, stem('time-to-care'), () =>
          distributionTable(tables, t('results.timeToCare'), careRows),
        ),
      ),
    );
    // exported charts say the scenario, period, replications and date
    provideExportCaption(root, () => resultCaption(doc));
  };

  void load();
  return () => {
    alive = false;
  };
};
