// Now (issue 18): today's census of the region — the prefecture map coloured by each area's
// general-bed occupancy today (hospitals without today's report dashed), alerts by plain rules,
// missing reports by hospital name (never as zero), today's figures by area × function, and the
// last 60 days beside the 14-day forecast fan. It reads GET /api/census/latest, /api/census and
// /api/forecasts/latest first (so the page works while the socket is away), then follows the
// Now channel: `now.subscribe` answers with a snapshot (again on every reconnect), and
// `census.updated` / `forecast.completed` deltas are merged by key (src/now/state.ts); the page
// redraws at most once per animation frame, without a reload.
import type {
  CensusUpdatedEvent,
  ForecastCompletedEvent,
  NowSnapshot,
  RegionBoundaries,
} from '@caretwin/contracts';
import type { NowSocket } from '../api/live';
import type { RegionView } from '../api/types';
import { censusChart } from '../charts/census-chart';
import { BED_FUNCTION_ORDER } from '../charts/labels';
import { prefectureMap, prefectureMapData } from '../charts/prefecture-map';
import { provideExportCaption } from '../export/caption';
import { censusTable, mapTable, type TableContext } from '../export/tables';
import { withExports } from '../export/toolbar';
import { fmt, lang, localized, t } from '../i18n';
import { alertsOf, censusPanels, generalOccupancyToday, THRESHOLDS, type NowAlert } from '../now/alerts';
import {
  applyCensusUpdated,
  censusNeedsSnapshot,
  missedBefore,
  addDays,
  applyForecastCompleted,
  latestSynthetic,
  stateFrom,
  stateFromSnapshot,
  windowStart,
  type NowState,
} from '../now/state';
import { h, replace } from '../ui/dom';
import { createFrameScheduler } from '../ui/frame-scheduler';
import { chartSlot, errorLine, loading, section } from '../ui/widgets';
import type { View } from './context';
import { areaNamer, functionName, hospitalNamer } from './region-labels';

/** What the empty state tells to run (a living region on a fresh machine). */
export const FEED_COMMAND = 'npx caretwin feed --scenario miyagi-2025-baseline --days 120 --speed 1d/2s';

const pct = (share: number): string => fmt.percent(share);

function alertText(alert: NowAlert, areaName: (id: string) => string): string {
  const vars = {
    area: areaName(alert.area),
    function: functionName(alert.function),
    occupancy: pct(alert.occupancy),
    threshold: fmt.percent(alert.kind === 'high' ? THRESHOLDS.high : THRESHOLDS.full, 0),
    days: THRESHOLDS.fullDays,
    dates: alert.dates.join(', '),
    date: alert.dates[0] ?? '',
  };
  return t(
    alert.kind === 'full'
      ? 'now.alert.fullText'
      : alert.kind === 'high'
        ? 'now.alert.highText'
        : 'now.alert.forecastText',
    vars,
  );
}

export const nowView: View<{ name: 'now' }> = (root, _route, context) => {
  let alive = true;
  let state: NowState | null = null;
  let region: RegionView | null = null;
  let boundaries: RegionBoundaries | null = null;
  let socket: NowSocket | null = null;
  let renders = 0;
  let lastUpdate: string | null = null;
  /** a forecast asked for from this page (planner, admin): what became of the request */
  let asked: {
    date: string | null;
    state: 'sending' | 'queued' | 'running' | 'error';
    error?: string;
  } | null = null;
  const scheduler = createFrameScheduler(() => {
    if (alive) render();
  });

  const onCensus = (event: CensusUpdatedEvent): void => {
    if (state && censusNeedsSnapshot(state, event)) return subscribe();
    if (state && applyCensusUpdated(state, event)) {
      lastUpdate = new Date(event.at || Date.now()).toISOString();
      scheduler.schedule();
    }
  };
  const onForecast = (event: ForecastCompletedEvent): void => {
    if (state && missedBefore(state, event.seq)) return subscribe();
    // the forecast asked for has come: the fan shows it, the request's line goes
    if (asked?.date && event.forecast.censusDate >= asked.date) asked = null;
    if (state && applyForecastCompleted(state, event)) scheduler.schedule();
  };
  /** POST /api/forecasts from the latest census: the fan follows with forecast.completed. */
  const askForecast = async (): Promise<void> => {
    asked = { date: state?.asOf ?? null, state: 'sending' };
    scheduler.schedule();
    try {
      const accepted = await context.rest.requestForecast();
      asked = { date: accepted.censusDate, state: accepted.queued ? 'queued' : 'running' };
    } catch (error) {
      asked = { date: null, state: 'error', error: error instanceof Error ? error.message : String(error) };
    }
    if (alive) scheduler.schedule();
  };
  const subscribe = (): void => {
    socket?.emit('now.subscribe', {}, (reply) => {
      if (!alive || !('data' in reply)) return;
      const snapshot: NowSnapshot = reply.data;
      const applied = state?.applied ?? 0;
      state = stateFromSnapshot(snapshot);
      state.applied = applied;
      scheduler.schedule();
    });
  };
  const onConnect = (): void => {
    subscribe();
    scheduler.schedule();
  };
  const onDisconnect = (): void => scheduler.schedule();

  const load = async (): Promise<void> => {
    root.replaceChildren(loading());
    try {
      const latest = await context.rest.censusLatest();
      const [series, forecast, regionView, shapes] = await Promise.all([
        latest.asOf
          ? context.rest.censusSeries(windowStart(latest.asOf), latest.asOf)
          : Promise.resolve(null),
        // no census, no forecast: not asked (a 404 the browser would log)
        latest.asOf ? context.rest.forecastLatest() : Promise.resolve(null),
        context.rest.region(latest.regionId),
        context.rest.boundaries(latest.regionId).catch(() => null),
      ]);
      if (!alive) return;
      // a snapshot that arrived while these were read is newer: keep it
      state ??= stateFrom(latest, series, forecast, null);
      region = regionView;
      boundaries = shapes;
      render();
      const connection = context.live();
      socket = connection.now;
      socket.on('census.updated', onCensus);
      socket.on('forecast.completed', onForecast);
      socket.on('connect', onConnect);
      socket.on('disconnect', onDisconnect);
      if (socket.connected) subscribe();
    } catch (error) {
      if (alive) root.replaceChildren(errorLine(error, () => void load()));
    }
  };

  /** The planner's button (access.css hides it from viewers) and what became of the last request. */
  const forecastRequest = (asOf: string): HTMLElement =>
    h(
      'p',
      { class: 'forecast-request' },
      h(
        'button',
        {
          type: 'button',
          'data-action': 'forecast',
          disabled: asked?.state === 'sending',
          onclick: () => void askForecast(),
        },
        t('now.forecast.request', { date: asOf }),
      ),
      asked && asked.state !== 'sending'
        ? h(
            'span',
            {
              class: asked.state === 'error' ? 'error' : 'muted',
              'data-forecast-request': asked.state,
              role: 'status',
            },
            ' ',
            asked.state === 'error'
              ? t('common.error', { message: asked.error ?? '' })
              : t(asked.state === 'queued' ? 'now.forecast.queued' : 'now.forecast.running', {
                  date: asked.date ?? asOf,
                }),
          )
        : null,
    );

  const render = (): void => {
    if (!state || !region) return;
    const started = performance.now();
    const current = state;
    const areaName = areaNamer(region);
    const hospitalName = hospitalNamer(region);
    const areaIds = region.areas.map((a) => a.id);
    const panels = censusPanels(current, areaIds, BED_FUNCTION_ORDER);
    const alerts = alertsOf(panels, current.asOf);
    const tables: TableContext = {
      heading: `CareTwin — ${region.id} — ${t('now.asOf', { date: current.asOf ?? '–' })}`,
      notes: latestSynthetic(current) ? [t('now.synthetic')] : [],
    };
    const footnote = latestSynthetic(current) ? t('now.synthetic') : undefined;
    const connected = socket?.connected ?? false;

    // the map: each area's general beds today; hospitals expected today and silent dashed
    const missingHospitals = new Set(current.missing.map((m) => m.hospital));
    const mapData = prefectureMapData(region, lang(), boundaries);
    mapData.hospitals = mapData.hospitals.map((hospital) => ({
      ...hospital,
      missing: current.asOf !== null && missingHospitals.has(hospital.id),
    }));
    const areaValues = new Map(areaIds.map((a) => [a, generalOccupancyToday(current, a)] as const));
    const map = chartSlot('now-map');
    map.append(
      prefectureMap(mapData, {
        lang: lang(),
        areaValues,
        areaValueLabel: t('now.mapValue'),
        footnote,
        maxRadius: 10,
      }),
    );

    const history = chartSlot('census');
    history.append(
      censusChart(panels, {
        lang: lang(),
        rows: areaIds,
        columns: BED_FUNCTION_ORDER,
        rowLabel: areaName,
        columnLabel: functionName,
        threshold: THRESHOLDS.full,
        footnote,
        title: t('now.history'),
      }),
    );

    const alertList =
      alerts.length === 0
        ? h('p', { class: 'muted', 'data-alerts': '0' }, t('now.alerts.none'))
        : h(
            'ul',
            { class: 'now-alerts', 'data-alerts': String(alerts.length) },
            alerts.map((alert) =>
              h(
                'li',
                {
                  class: `alert alert-${alert.level}`,
                  'data-kind': alert.kind,
                  'data-area': alert.area,
                  'data-function': alert.function,
                },
                h('strong', null, t(`now.alert.${alert.kind}`)),
                ' ',
                alertText(alert, areaName),
                alert.partial ? h('span', { class: 'muted' }, ` (${t('now.alert.partial')})`) : null,
              ),
            ),
          );

    // missing reports, one line per hospital with its functions, by name
    const byHospital = new Map<string, { functions: string[]; lastDate: string | null }>();
    for (const m of current.missing) {
      const entry = byHospital.get(m.hospital) ?? { functions: [], lastDate: m.lastDate };
      entry.functions.push(functionName(m.function));
      if (m.lastDate && (!entry.lastDate || m.lastDate > entry.lastDate)) entry.lastDate = m.lastDate;
      byHospital.set(m.hospital, entry);
    }
    const missingList =
      current.asOf === null
        ? null
        : byHospital.size === 0
          ? h('p', { class: 'muted', 'data-missing': '0' }, t('now.missing.none', { date: current.asOf }))
          : h(
              'div',
              null,
              h('p', null, t('now.missing.intro', { date: current.asOf, count: byHospital.size })),
              h(
                'ul',
                { class: 'now-missing', 'data-missing': String(byHospital.size) },
                [...byHospital].map(([id, entry]) =>
                  h(
                    'li',
                    { 'data-hospital': id },
                    h('strong', null, hospitalName(id)),
                    ` (${entry.functions.join(', ')}) — `,
                    entry.lastDate ? t('now.missing.last', { date: entry.lastDate }) : t('now.missing.never'),
                  ),
                ),
              ),
            );

    // today's figures by area × function, with the forecast 7 days ahead
    const todayTable = h(
      'table',
      { class: 'data now-today' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['area', 'function', 'occupied', 'beds', 'occupancy', 'reported', 'forecast7'].map((c) =>
            h('th', { scope: 'col' }, t(`now.col.${c}` as Parameters<typeof t>[0])),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        panels.map((panel) => {
          const today = panel.today;
          // 7 days after the latest report (a forecast from an older census may not reach it)
          const ahead = current.asOf
            ? panel.forecast.find((f) => f.date === addDays(current.asOf ?? '', 7))
            : undefined;
          const reported = today && today.expected > 0;
          return h(
            'tr',
            { 'data-area': panel.area, 'data-function': panel.function },
            h('th', { scope: 'row' }, areaName(panel.area)),
            h('td', null, functionName(panel.function)),
            h('td', { class: 'num' }, reported ? fmt.number(today.occupied) : '–'),
            h('td', { class: 'num' }, reported ? fmt.number(today.beds) : '–'),
            h(
              'td',
              {
                class: `num occupancy${today?.occupancy != null && today.occupancy > THRESHOLDS.full ? ' over' : ''}`,
              },
              today?.occupancy != null ? pct(today.occupancy) : t('now.missing'),
            ),
            h('td', { class: 'num' }, today ? `${today.reported} / ${today.expected}` : '–'),
            h(
              'td',
              { class: 'num' },
              ahead ? `${pct(ahead.mean)} (${pct(ahead.lo80)}–${pct(ahead.hi80)})` : '–',
            ),
          );
        }),
      ),
    );

    const forecast = current.forecast;
    const downloads = h(
      'p',
      { class: 'csv-links' },
      `${t('now.downloads')}: `,
      h(
        'a',
        { href: '/api/forecasts/latest.csv', download: '', 'data-download': 'forecast-csv' },
        t('now.download.forecastCsv'),
      ),
      ' · ',
      h(
        'a',
        { href: '/api/forecasts/latest.fhir', download: '', 'data-download': 'forecast-fhir' },
        t('now.download.forecastFhir'),
      ),
    );

    const status = h(
      'p',
      { class: 'meta', 'data-as-of': current.asOf ?? '' },
      current.asOf ? t('now.asOf', { date: current.asOf }) : t('now.empty.title'),
      lastUpdate ? ` · ${t('now.updated', { time: fmt.dateTime(lastUpdate) })}` : '',
      ' · ',
      h(
        'span',
        { class: connected ? 'live-on' : 'live-off', 'data-connected': String(connected) },
        connected ? t('now.live') : t('now.offline'),
      ),
    );

    const empty =
      current.asOf === null
        ? section(
            t('now.empty.title'),
            h('p', null, t('now.empty.body')),
            h('pre', { class: 'now-feed' }, h('code', null, FEED_COMMAND)),
          )
        : null;

    replace(
      root,
      h('h1', null, t('now.title', { region: localized(region.name) })),
      h('p', { class: 'intro' }, t('now.intro')),
      status,
      latestSynthetic(current)
        ? h(
            'p',
            { class: 'inputs-banner synthetic-banner', role: 'note', 'data-synthetic': 'true' },
            t('now.synthetic'),
          )
        : null,
      empty,
      h(
        'div',
        { class: 'grid two' },
        section(
          t('now.map'),
          withExports(map, ['now', region.id, 'map'], () => mapTable(tables, mapData)),
        ),
        h(
          'div',
          null,
          section(
            t('now.alerts'),
            alertList,
            h(
              'p',
              { class: 'muted small now-rules' },
              t('now.rules', {
                full: fmt.percent(THRESHOLDS.full, 0),
                high: fmt.percent(THRESHOLDS.high, 0),
                days: THRESHOLDS.fullDays,
                forecastDays: THRESHOLDS.forecastDays,
              }),
            ),
          ),
          missingList ? section(t('now.missing'), missingList) : null,
        ),
      ),
      current.asOf === null ? null : section(t('now.table'), todayTable),
      current.asOf === null
        ? null
        : section(
            t('now.history'),
            h(
              'p',
              { class: 'muted small' },
              forecast
                ? [
                    t('now.forecast.method', {
                      date: forecast.censusDate,
                      replications: forecast.replications,
                      created: fmt.dateTime(forecast.createdAt),
                    }),
                    ' ',
                    // the api's own sentence on the method, quoted as written (English)
                    h('span', { translate: 'no', lang: 'en', 'data-method': '' }, forecast.method),
                    current.asOf && forecast.censusDate < current.asOf
                      ? h(
                          'strong',
                          { class: 'forecast-stale', 'data-stale': 'true' },
                          ` ${t('now.forecast.stale', { date: forecast.censusDate, asOf: current.asOf })}`,
                        )
                      : null,
                  ]
                : t('now.forecast.none'),
            ),
            current.asOf === null ? null : forecastRequest(current.asOf),
            forecast ? downloads : null,
            withExports(history, ['now', region.id, 'census'], () =>
              censusTable(tables, [...current.points.values()], areaName),
            ),
          ),
    );
    provideExportCaption(root, () => ({
      scenarios: `${localized(region?.name)} · ${t('now.asOf', { date: current.asOf ?? '–' })}`,
      fileStem: [region?.id ?? 'now'],
    }));
    renders += 1;
    root.dataset.renders = String(renders);
    root.dataset.updates = String(current.applied);
    root.dataset.renderMs = String(Math.round(performance.now() - started));
  };

  void load();
  return () => {
    alive = false;
    scheduler.cancel();
    if (socket) {
      socket.off('census.updated', onCensus);
      socket.off('forecast.completed', onForecast);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      if (socket.connected) socket.emit('now.unsubscribe', {}, () => undefined);
    }
  };
};
