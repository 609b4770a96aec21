// Live run: occupancy by area and function filling in as replications progress (the band over
// the replications that reached each day, with their count n), running counters of refusals
// and difficult transports, and each replication's progress. Events are merged by the
// contracts' run client (stale seq dropped, re-subscribed on every reconnect); rendering is
// coalesced to one per animation frame so bursts never freeze the page. Without a live
// connection the view polls the run for its progress.
import type { LiveRunState, RunStateName } from '@caretwin/contracts';
import { LIVE_COUNTERS } from '../charts/kpi-catalogue';
import { BED_FUNCTION_ORDER, word } from '../charts/labels';
import { occupancyChart, panelsFromLive } from '../charts/occupancy-chart';
import { occupancyTable } from '../export/tables';
import { withExports } from '../export/toolbar';
import type { RegionView, RunView } from '../api/types';
import { fmt, lang, t } from '../i18n';
import { href } from '../router';
import { h, replace } from '../ui/dom';
import { createFrameScheduler } from '../ui/frame-scheduler';
import { inputsLine } from '../ui/provenance';
import { chartSlot, errorLine, progressBar, section, stateBadge } from '../ui/widgets';
import type { View } from './context';
import { areaNamer, functionName } from './region-labels';

const FINISHED: ReadonlySet<RunStateName> = new Set(['completed', 'failed', 'cancelled']);
const POLL_MS = 2000;

export const liveView: View<{ name: 'live'; runId: string }> = (root, route, context) => {
  const { runId } = route;
  let alive = true;
  let live: LiveRunState | undefined;
  let polled: RunView | undefined;
  let region: RegionView | undefined;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let renders = 0;

  const title = h('h1', null, t('live.title', { scenario: runId }));
  const status = h('p', { class: 'live-status', role: 'status', 'aria-live': 'polite' });
  const overall = h('div', { class: 'overall' });
  const counters = h('div', { class: 'counters' });
  const replications = h('div', { class: 'replications' });
  const chart = chartSlot('live-occupancy');
  const end = h('div', { class: 'run-end', 'aria-live': 'polite' });
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
  root.replaceChildren(
    title,
    status,
    h(
      'div',
      { class: 'grid two' },
      section(t('live.progress'), overall, cancel, end),
      section(t('live.counters'), counters),
    ),
    section(
      t('live.occupancy'),
      // exports what has arrived so far (the band over the replications that reached each day)
      withExports(chart, ['live', runId, 'occupancy'], () =>
        live
          ? occupancyTable(
              {
                heading: `CareTwin — run ${runId} (live, ${live.state})`,
                notes: region ? [inputsLine(region.inputs)] : [],
              },
              panelsFromLive(live.band),
              {
                what: 'occupancy by area and function so far',
                band: 'min–max of the replications that reached the day (replications = their count)',
                xName: 'simulatedDay',
                rowName: 'area',
                rowLabel: region ? areaNamer(region) : undefined,
                columnLabel: functionName,
              },
            )
          : null,
      ),
    ),
    section(t('live.replications'), replications),
  );

  const stateName = (): RunStateName | undefined => live?.state ?? polled?.state;

  const render = (): void => {
    if (!alive) return;
    const started = performance.now();
    renders++;
    root.dataset.renders = String(renders);
    const connection = context.live();
    replace(
      status,
      connection.connected ? t('live.connected') : polled ? t('live.polling') : t('live.reconnecting'),
    );
    status.dataset.connected = String(connection.connected);
    const state = stateName();
    const percent = live?.percent ?? polled?.progress.percent ?? 0;
    replace(overall, state ? stateBadge(state) : null, progressBar(percent, t('live.progress')));
    cancel.hidden = !state || FINISHED.has(state);

    const values = live?.counters;
    replace(
      counters,
      h(
        'dl',
        { class: 'counter-list' },
        LIVE_COUNTERS.map((c) => [
          h('dt', null, c.label[lang()]),
          h(
            'dd',
            { 'data-counter': c.key },
            values ? fmt.number(values[c.key], values[c.key] >= 100 ? 0 : 1) : '–',
          ),
        ]),
      ),
    );

    const reps =
      live?.replications.map((r) => ({ index: r.index, day: r.day, totalDays: r.totalDays, done: r.done })) ??
      polled?.progress.replications.map((r) => ({
        index: r.replication,
        day: r.day,
        totalDays: r.totalDays,
        done: r.day >= r.totalDays,
      })) ??
      [];
    replace(
      replications,
      h(
        'ul',
        { class: 'replication-list' },
        reps.map((r) =>
          h(
            'li',
            { 'data-replication': r.index },
            h('span', { class: 'label' }, t('live.replication', { index: r.index })),
            progressBar(
              r.totalDays > 0 ? (100 * r.day) / r.totalDays : 0,
              t('live.replication', { index: r.index }),
            ),
            h(
              'span',
              { class: 'muted small' },
              `${fmt.number(r.day)} / ${fmt.number(r.totalDays)} ${word('day', lang())}`,
            ),
          ),
        ),
      ),
    );

    if (live) {
      const areaName = region ? areaNamer(region) : (id: string) => id;
      chart.replaceChildren(
        occupancyChart(panelsFromLive(live.band), {
          lang: lang(),
          band: 'minmax',
          rows: region?.areas.map((a) => a.id),
          columns: [...BED_FUNCTION_ORDER],
          rowLabel: areaName,
          columnLabel: functionName,
          xDomain: [1, Math.max(2, live.totalDays)],
          xLabel: word('simulatedDay', lang()),
          shadeUntil: live.warmupDays,
          shadeLabel: t('live.warmup'),
          targets: region?.occupancyTargets,
          footnote: region ? inputsLine(region.inputs) : undefined,
        }),
      );
    }

    if (state && FINISHED.has(state)) {
      const reason = live?.reason ?? polled?.error ?? undefined;
      replace(
        end,
        h('p', null, t('live.ended', { state: t(`state.${state}`) })),
        reason ? h('p', { class: 'muted' }, t('live.reason', { reason })) : null,
        state === 'completed'
          ? h('a', { class: 'button primary', href: href({ name: 'results', runId }) }, t('live.results'))
          : null,
      );
    }
    // how long this update took to draw (read by the browser test's performance figures)
    root.dataset.renderMs = String(Math.round(performance.now() - started));
  };
  const scheduler = createFrameScheduler(render);

  const connection = context.live();
  const watch = connection.client.watch(runId, {
    onChange: (state) => {
      live = state;
      scheduler.schedule();
    },
    onError: (error) => replace(end, errorLine(new Error(`${error.code}: ${error.message}`))),
  });
  const offConnection = connection.onConnection(() => scheduler.schedule());

  // The run's scenario and region (names, targets, input labels); and progress by polling
  // while there is no live connection.
  const poll = async (): Promise<void> => {
    clearTimeout(pollTimer);
    try {
      const run = await context.rest.run(runId);
      if (!alive) return;
      replace(title, t('live.title', { scenario: run.scenarioId }));
      if (!region) region = await context.rest.region(run.regionId);
      if (!alive) return;
      if (!connection.connected || !live) polled = run;
      scheduler.schedule();
      if (!FINISHED.has(run.state)) pollTimer = setTimeout(() => void poll(), POLL_MS);
    } catch (error) {
      if (alive)
        replace(
          end,
          errorLine(error, () => void poll()),
        );
    }
  };
  void poll();
  render();

  return () => {
    alive = false;
    clearTimeout(pollTimer);
    scheduler.cancel();
    offConnection();
    watch.stop();
  };
};
