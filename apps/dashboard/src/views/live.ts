// Live run: occupancy by area and function filling in as replications progress (the band over
// the replications that reached each day, with their count n), running counters of inquiries
// refused and difficult transports, and each replication's progress. Events are merged by the
// contracts' run client (stale seq dropped, re-subscribed on every reconnect); rendering is
// coalesced to one per animation frame so bursts never freeze the page, and each render moves
// what is already drawn (chart, counters, bars) rather than drawing it anew. Without a live
// connection the view polls the run for its progress.
import { FINISHED_STATES, type LiveRunState, type RunStateName } from '@caretwin/contracts';
import { LIVE_COUNTERS } from '../charts/kpi-catalogue';
import { BED_FUNCTION_ORDER, word } from '../charts/labels';
import {
  drawOccupancyChart,
  panelsFromLive,
  type OccupancyChart,
  type OccupancyChartOptions,
} from '../charts/occupancy-chart';
import { provideExportCaption } from '../export/caption';
import { occupancyTable } from '../export/tables';
import { withExports } from '../export/toolbar';
import type { RegionView, RunView } from '../api/types';
import type { DataTable } from '../export/csv';
import { fmt, lang, t } from '../i18n';
import { href } from '../router';
import { h, replace } from '../ui/dom';
import { createFrameScheduler } from '../ui/frame-scheduler';
import { inputsLine } from '../ui/provenance';
import { chartSlot, errorLine, progressBar, section, setProgress, stateBadge } from '../ui/widgets';
import type { View, ViewContext } from './context';
import { areaIn, areaSelect } from '../ui/area-filter';
import { areaNamer, functionName } from './region-labels';

const POLL_MS = 2000;

/** What the view knows of the run: the live state (socket), the last poll, the run's region. */
interface Known {
  live?: LiveRunState;
  polled?: RunView;
  region?: RegionView;
}

export const liveView: View<{ name: 'live'; runId: string }> = (root, route, context) => {
  const { runId } = route;
  const known: Known = {};
  const page = livePage(runId, known, context);
  root.replaceChildren(...page.nodes);
  // exported charts say whose run, how far it got and how many replications
  provideExportCaption(root, () => {
    const live = known.live;
    const scenarioId = known.polled?.scenarioId ?? runId;
    const reached = live?.replications.length ?? 0;
    return {
      scenarios: scenarioId,
      period: live
        ? t('export.liveSoFar', { day: fmt.number(furthestDay(live)), total: fmt.number(live.totalDays) })
        : undefined,
      replications: reached ? t('common.replications', { n: reached }) : undefined,
      fileStem: [scenarioId, 'live'],
    };
  });
  let alive = true;
  let renders = 0;

  const render = (): void => {
    if (!alive) return;
    const started = performance.now();
    root.dataset.renders = String(++renders);
    page.draw(context.live().connected);
    // how long this update took to draw (read by the browser test's performance figures)
    root.dataset.renderMs = String(Math.round(performance.now() - started));
  };
  const scheduler = createFrameScheduler(render);
  const connection = context.live();
  const watch = connection.client.watch(runId, {
    onChange: (state) => {
      known.live = state;
      scheduler.schedule();
    },
    onError: (error) => page.showError(new Error(`${error.code}: ${error.message}`)),
  });
  const offConnection = connection.onConnection(() => scheduler.schedule());
  const stopPolling = pollRun(runId, context, known, {
    scenario: page.showScenario,
    changed: () => scheduler.schedule(),
    failed: page.showError,
  });
  render();

  return () => {
    alive = false;
    stopPolling();
    scheduler.cancel();
    offConnection();
    watch.stop();
  };
};

/**
 * Reads the run until it finishes, every POLL_MS: its scenario and region once, and its
 * progress while there is no live connection (or no live state yet).
 */
function pollRun(
  runId: string,
  context: ViewContext,
  known: Known,
  on: {
    scenario(scenarioId: string): void;
    changed(): void;
    failed(error: unknown, retry: () => void): void;
  },
): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connection = context.live();
  const poll = async (): Promise<void> => {
    clearTimeout(timer);
    try {
      const run = await context.rest.run(runId);
      if (stopped) return;
      on.scenario(run.scenarioId);
      if (!known.region) known.region = await context.rest.region(run.regionId);
      if (stopped) return;
      if (!connection.connected || !known.live) known.polled = run;
      on.changed();
      if (!FINISHED_STATES.has(run.state)) timer = setTimeout(() => void poll(), POLL_MS);
    } catch (error) {
      if (!stopped) on.failed(error, () => void poll());
    }
  };
  void poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

interface LivePage {
  nodes: Node[];
  /** draws what is known now (drawn parts are kept and updated) */
  draw(connected: boolean): void;
  showScenario(scenarioId: string): void;
  showError(error: unknown, retry?: () => void): void;
}

/** The page's parts, laid out once. */
function livePage(runId: string, known: Known, context: ViewContext): LivePage {
  const title = h('h1', null, t('live.title', { scenario: runId }));
  const status = h('p', { class: 'live-status', role: 'status', 'aria-live': 'polite' });
  const overall = overallProgress();
  const counters = counterList();
  const replications = replicationList();
  const occupancy = liveOccupancy(runId, known);
  // the area filter of results and compare (issue 16), once the region names the areas
  const areaBar = h('p', { class: 'area-bar' });
  const end = h('div', { class: 'run-end', 'aria-live': 'polite' });
  const cancel = cancelButton(runId, context);
  const nodes = [
    title,
    status,
    h(
      'div',
      { class: 'grid two' },
      section(t('live.progress'), overall.element, cancel, end),
      section(t('live.counters'), counters.element),
    ),
    section(
      t('live.occupancy'),
      h('p', { class: 'muted small', 'data-note': 'warmup' }, t('live.warmupNote')),
      areaBar,
      occupancy.element,
    ),
    section(t('live.replications'), replications.element),
  ];
  return {
    nodes,
    draw(connected) {
      const { live, polled } = known;
      replace(status, connected ? t('live.connected') : polled ? t('live.polling') : t('live.reconnecting'));
      status.dataset.connected = String(connected);
      const state = live?.state ?? polled?.state;
      overall.draw(state, live?.percent ?? polled?.progress.percent ?? 0);
      cancel.hidden = !state || FINISHED_STATES.has(state);
      counters.draw(live?.counters);
      replications.draw(replicationProgress(known));
      // drawn once the region names the areas (never their ids as row labels)
      if (live && known.region) occupancy.draw(live, known.region);
      if (known.region && !areaBar.firstChild)
        areaBar.append(
          areaSelect(
            known.region.areas.map((a) => a.id),
            areaNamer(known.region),
          ),
        );
      if (state && FINISHED_STATES.has(state)) drawEnd(end, runId, state, live?.reason ?? polled?.error);
    },
    showScenario: (scenarioId) => replace(title, t('live.title', { scenario: scenarioId })),
    showError: (error, retry) => replace(end, errorLine(error, retry)),
  };
}

function cancelButton(runId: string, context: ViewContext): HTMLButtonElement {
  const cancel = h(
    'button',
    {
      type: 'button',
      class: 'danger',
      'data-action': 'cancel',
      onclick: () => {
        cancel.disabled = true;
        context.rest.cancelRun(runId).catch((error: unknown) => cancel.after(errorLine(error)));
      },
    },
    t('live.cancel'),
  );
  return cancel;
}

/** The run's state badge and overall progress bar. */
function overallProgress(): {
  element: HTMLElement;
  draw(state: RunStateName | undefined, percent: number): void;
} {
  const element = h('div', { class: 'overall' });
  const bar = progressBar(0, t('live.progress'));
  let shown: RunStateName | undefined | null = null;
  return {
    element,
    draw(state, percent) {
      if (state !== shown) replace(element, state ? stateBadge(state) : null, bar);
      shown = state;
      setProgress(bar, percent);
    },
  };
}

/** Running counters (inquiries refused, difficult transports…), '–' until the first live state. */
function counterList(): { element: HTMLElement; draw(values: LiveRunState['counters'] | undefined): void } {
  const cells = LIVE_COUNTERS.map((c) => ({ key: c.key, dd: h('dd', { 'data-counter': c.key }, '–') }));
  const element = h(
    'div',
    { class: 'counters' },
    h(
      'dl',
      { class: 'counter-list' },
      LIVE_COUNTERS.map((c, i) => [h('dt', null, c.label[lang()]), cells[i].dd]),
    ),
  );
  return {
    element,
    draw(values) {
      for (const { key, dd } of cells)
        dd.textContent = values ? fmt.number(values[key], values[key] >= 100 ? 0 : 1) : '–';
    },
  };
}

interface ReplicationProgress {
  index: number;
  day: number;
  totalDays: number;
}

/** Each replication's day, from the live state or else from the last poll. */
function replicationProgress({ live, polled }: Known): ReplicationProgress[] {
  return (
    live?.replications.map((r) => ({ index: r.index, day: r.day, totalDays: r.totalDays })) ??
    polled?.progress.replications.map((r) => ({
      index: r.replication,
      day: r.day,
      totalDays: r.totalDays,
    })) ??
    []
  );
}

/** One row per replication (label, bar, day of days); rows are kept and their bars moved. */
function replicationList(): { element: HTMLElement; draw(replications: ReplicationProgress[]): void } {
  const list = h('ul', { class: 'replication-list' });
  const rows = new Map<number, { li: HTMLElement; bar: HTMLElement; days: HTMLElement }>();
  const rowFor = (index: number) => {
    let row = rows.get(index);
    if (!row) {
      const label = t('live.replication', { index });
      const bar = progressBar(0, label);
      const days = h('span', { class: 'muted small' });
      const li = h('li', { 'data-replication': index }, h('span', { class: 'label' }, label), bar, days);
      row = { li, bar, days };
      rows.set(index, row);
    }
    return row;
  };
  return {
    element: h('div', { class: 'replications' }, list),
    draw(replications) {
      const shown = replications.map((r) => rowFor(r.index));
      if (shown.length !== list.children.length || shown.some((row, i) => list.children[i] !== row.li)) {
        list.replaceChildren(...shown.map((row) => row.li));
        for (const [index, row] of rows) if (!shown.includes(row)) rows.delete(index);
      }
      replications.forEach((r, i) => {
        setProgress(shown[i].bar, r.totalDays > 0 ? (100 * r.day) / r.totalDays : 0);
        shown[i].days.textContent =
          `${fmt.number(r.day)} / ${fmt.number(r.totalDays)} ${word('day', lang())}`;
      });
    },
  };
}

/** The occupancy chart: drawn at the first live state, then updated in place. */
function liveOccupancy(
  runId: string,
  known: Known,
): { element: HTMLElement; draw(live: LiveRunState, region: RegionView | undefined): void } {
  const slot = chartSlot('live-occupancy');
  let chart: OccupancyChart | undefined;
  let updates = 0;
  return {
    // exports what has arrived so far (the band over the replications that reached each day)
    element: withExports(slot, ['live', runId, 'occupancy'], () => occupancyExport(runId, known)),
    draw(live, region) {
      const panels = panelsFromLive(live.band);
      const options = occupancyOptions(live, region);
      if (chart) chart.update(panels, options);
      else {
        chart = drawOccupancyChart(panels, options);
        slot.replaceChildren(chart.node);
      }
      // one more chart update (counted by the browser test: the <svg> itself stays)
      slot.dataset.updates = String(++updates);
    },
  };
}

function liveAreas(region: RegionView): string[] {
  const ids = region.areas.map((a) => a.id);
  const area = areaIn(ids);
  return area ? [area] : ids;
}

function occupancyOptions(live: LiveRunState, region: RegionView | undefined): OccupancyChartOptions {
  return {
    lang: lang(),
    band: 'minmax',
    // the area filter of results and compare (issue 16) narrows the live panels too
    rows: region ? liveAreas(region) : undefined,
    columns: [...BED_FUNCTION_ORDER],
    rowLabel: region ? areaNamer(region) : (id: string) => id,
    columnLabel: functionName,
    xDomain: [1, Math.max(2, live.totalDays)],
    xLabel: word('simulatedDay', lang()),
    shadeUntil: live.warmupDays,
    shadeLabel: t('live.warmup'),
    // the corner's mean leaves the warm-up out, as the results page does
    meanAfter: live.warmupDays,
    afterLabel: t('live.latestMean'),
    targets: region?.occupancyTargets,
    footnote: region ? inputsLine(region.inputs) : undefined,
  };
}

function occupancyExport(runId: string, { live, region }: Known): DataTable | null {
  if (!live) return null;
  return occupancyTable(
    {
      heading: `CareTwin — ${runId} (${t(`state.${live.state}`)})`,
      notes: region ? [inputsLine(region.inputs)] : [],
    },
    panelsFromLive(live.band),
    {
      what: t('live.occupancy'),
      band: t('csv.band.minmax'),
      xName: 'simulatedDay',
      rowName: 'area',
      rowLabel: region ? areaNamer(region) : undefined,
      columnLabel: functionName,
    },
  );
}

/** How the run ended, why, and the way to its results. */
function drawEnd(
  end: HTMLElement,
  runId: string,
  state: RunStateName,
  reason: string | null | undefined,
): void {
  replace(
    end,
    h('p', null, t('live.ended', { state: t(`state.${state}`) })),
    reason ? h('p', { class: 'muted' }, t('live.reason', { reason })) : null,
    state === 'completed'
      ? h('a', { class: 'button primary', href: href({ name: 'results', runId }) }, t('live.results'))
      : null,
  );
}

/** The furthest simulated day any replication has reached. */
function furthestDay(live: LiveRunState): number {
  return Math.max(0, ...live.replications.map((r) => r.day));
}
