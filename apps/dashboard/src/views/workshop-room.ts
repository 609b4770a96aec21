// The workshop room (issue 19): one view for the facilitator and the participants. It reads
// the snapshot (GET /api/workshops/:id) and then follows the workshop channel: `workshop.subscribe`
// answers with a snapshot (again on every reconnect and after a gap in the seqs), and each
// `workshop.event` is applied by workshop/room-state.ts. Follow mode (workshop/follow.ts): the
// facilitator's tab, run and area go to everyone (PUT view); a participant mirrors them until
// they pick their own, and one click follows again. Redraws are coalesced to one per frame, and
// a part is drawn again only when its data changed (a select being used is left alone).
import {
  WORKSHOP_CHARTS,
  type LiveRunState,
  type ProposalRequest,
  type WorkshopChart,
  type WorkshopEvent,
  type WorkshopView,
} from '@caretwin/contracts';
import type { Region } from '@caretwin/scenario';
import { ApiError } from '../api/rest';
import { session, onSession } from '../api/session';
import type { ResultDocument } from '../api/types';
import { kpiCards, shapeKpiCards } from '../charts/kpi-cards';
import { HEADLINE_KPIS } from '../charts/kpi-catalogue';
import { kpiNamesOf, kpiUnit } from '../charts/kpi-labels';
import { differenceChart, shapeDifferences } from '../charts/difference-chart';
import { BED_FUNCTION_ORDER, word } from '../charts/labels';
import { occupancyChart, panelsFromAggregate, panelsFromLive } from '../charts/occupancy-chart';
import { prefectureMap, type BoundariesLike } from '../charts/prefecture-map';
import { downloadBlob } from '../export/download';
import { fmt, lang, t, type MessageKey } from '../i18n';
import { href } from '../router';
import { h, replace } from '../ui/dom';
import { createFrameScheduler } from '../ui/frame-scheduler';
import { inputsLine } from '../ui/provenance';
import { chartSlot, errorLine, loading } from '../ui/widgets';
import { createWorkshopApi, errorText } from '../workshop/api';
import { UNSORTED, nextSort, rankingOf, type BoardSort } from '../workshop/board';
import {
  broadcasts,
  follow,
  initialFollow,
  restoreFollow,
  savedFollow,
  type FollowAction,
  type FollowState,
  type RoomRole,
} from '../workshop/follow';
import { regionFacts, type RegionFacts } from '../workshop/levers';
import { joinedWorkshop, participantTab } from '../workshop/participant';
import { proposalForm } from '../workshop/proposal-form';
import { boardTable, proposalList, variantList, votePanel, type Names } from '../workshop/room-panels';
import { roomFromSnapshot, roomRuns, runCompleted, type RoomState } from '../workshop/room-state';
import { watchWorkshop, type WorkshopSocket, type WorkshopWatch } from '../workshop/channel';
import '../workshop/workshop.css';
import type { View } from './context';
import { areaKpiDefinitions, withPerDay } from './area-tables';
import { areaNamer, functionName, hospitalNamer } from './region-labels';
import { resultMapData } from './results';

const FORM_FIELDS = [
  'proposal-title',
  'proposal-rationale',
  'proposal-lever',
  'proposal-area',
  'proposal-from',
  'proposal-to',
  'proposal-hospital',
  'proposal-count',
];

/** The proposal form's values by field (a redrawn form gets them back). */
function formValues(box: HTMLElement): Map<string, string> {
  const values = new Map<string, string>();
  for (const field of FORM_FIELDS) {
    const control = box.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-testid=${field}]`);
    if (control) values.set(field, control.value);
  }
  return values;
}

function restoreFormValues(box: HTMLElement, values: ReadonlyMap<string, string>): void {
  for (const field of FORM_FIELDS) {
    const control = box.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-testid=${field}]`);
    const value = values.get(field);
    if (!control || value === undefined) continue;
    // a select keeps its own choice when the value is not one of its options
    if (control instanceof HTMLSelectElement && ![...control.options].some((o) => o.value === value))
      continue;
    control.value = value;
    // the lever decides which fields show: let the form redo them before the rest is restored
    if (field === 'proposal-lever') control.dispatchEvent(new Event('change'));
  }
}

/**
 * The room's role: a participant's token, else the planner / admin who runs it (`canFacilitate`
 * from the snapshot: another planner's workshop is followed like a participant's).
 */
export function roomRole(canFacilitate = true): RoomRole {
  if (participantTab()) return 'participant';
  const role = session().role;
  return canFacilitate && (role === 'planner' || role === 'admin') ? 'facilitator' : 'participant';
}

export const workshopRoomView: View<{ name: 'workshop'; id: string }> = (root, route, context) => {
  const api = createWorkshopApi();
  const workshopId = route.id;
  let alive = true;
  let room: RoomState | null = null;
  let view: FollowState | null = null;
  let role: RoomRole = roomRole();
  let socket: WorkshopSocket | null = null;
  let sort: BoardSort = UNSORTED;
  let region: Region | null = null;
  /** the map's municipal boundaries; null while unknown or when the region has none */
  let boundaries: BoundariesLike | null = null;
  let inputs = '';
  const results = new Map<string, ResultDocument | 'loading' | Error>();
  const votePicks: string[] = [];
  let voteMessage: { text: string; error: boolean } | null = null;
  const proposalErrors = new Map<string, string>();
  const mergeTargets = new Map<string, string>();
  let refused: string | null = null;
  /** the running run on screen, watched live (run.subscribe: a participant may, for its workshop's runs) */
  let liveRun: { runId: string; stop(): void; state: LiveRunState | null } | null = null;

  // the page's parts, laid out once; each is drawn again when its data changes
  const page = h('div', { class: 'ws-room', 'data-testid': 'workshop-room' });
  const head = h('div', { class: 'ws-head' });
  const followBar = h('div', { class: 'ws-follow', role: 'status', 'aria-live': 'polite' });
  const controls = h('div', { class: 'ws-controls' });
  const panel = h('div', { class: 'ws-panel card' });
  const variantsBox = h('section', { class: 'card ws-variants-box' });
  const formBox = h('section', { class: 'card ws-form-box' });
  const status = h('p', { class: 'meta ws-status' });
  page.append(
    head,
    status,
    followBar,
    controls,
    h('div', { class: 'ws-layout' }, panel, h('aside', { class: 'ws-side' }, variantsBox, formBox)),
  );

  const names = (): Names =>
    region
      ? { area: areaNamer(region), hospital: hospitalNamer(region) }
      : { area: (id) => id, hospital: (id) => id };
  // the api's facts of the baseline (after its own policies) as the forms' choices; the region's
  // (from the baseline's result) only when the api no longer holds them
  const facts = (): RegionFacts =>
    room?.baselineFacts ??
    (region ? regionFacts(region) : { areas: [], hospitals: [], ambulancesByArea: {} });

  // --- follow mode ---
  // a participant's own place (exploring or not) survives a reload of this tab
  const followKey = `caretwin.follow.${workshopId}`;
  const keepFollow = (): void => {
    const saved = view && savedFollow(view);
    try {
      if (saved) globalThis.sessionStorage?.setItem(followKey, JSON.stringify(saved));
    } catch {
      // storage off: a reload follows the facilitator again
    }
  };
  const keptFollow = (): unknown => {
    try {
      return JSON.parse(globalThis.sessionStorage?.getItem(followKey) ?? 'null');
    } catch {
      return null;
    }
  };
  const startFollow = (shown: WorkshopView): FollowState =>
    restoreFollow(initialFollow(role, shown), keptFollow());
  const dispatch = (action: FollowAction): void => {
    if (!view) return;
    const before = view;
    view = follow(view, action);
    if (view !== before) keepFollow();
    if (broadcasts(before, view) && room?.workshop.state === 'open') {
      const shown = view.shown;
      api.setView(workshopId, shown).catch((error: unknown) => {
        status.textContent = errorText(error);
      });
    }
    // the user's own click shows at once; the channel's changes wait for the next frame
    if (action.type === 'facilitator') scheduler.schedule();
    else render();
  };

  // --- the channel ---
  let watch: WorkshopWatch | null = null;
  const onChange = (state: RoomState, cause: WorkshopEvent | 'snapshot'): void => {
    room = state;
    if (!view) view = startFollow(state.view);
    else if (cause === 'snapshot' || cause.type === 'view.changed')
      view = follow(view, { type: 'facilitator', view: state.view });
    if (cause === 'snapshot' && state.myVote && votePicks.length === 0) votePicks.push(...state.myVote);
    scheduler.schedule();
  };

  // --- results of runs (the baseline's gives the region) ---
  const needResult = (runId: string): void => {
    if (!room || results.has(runId) || !runCompleted(room, runId)) return;
    results.set(runId, 'loading');
    api.result(workshopId, runId).then(
      (doc) => {
        results.set(runId, doc);
        if (runId === room?.workshop.baseline.runId && !region) {
          region = doc.provenance.region;
          inputs = inputsLine(doc.provenance.inputs);
          drawn.form = '';
          // participants read no region route: the workshop serves its baseline region's boundaries
          (participantTab() ? api.boundaries(workshopId) : context.rest.boundaries(region.id)).then(
            (shapes) => {
              boundaries = shapes;
              drawn.panel = '';
              scheduler.schedule();
            },
            () => undefined, // points for municipalities instead
          );
        }
        drawn.panel = '';
        scheduler.schedule();
      },
      (error: unknown) => {
        results.set(runId, error instanceof Error ? error : new Error(String(error)));
        drawn.panel = '';
        scheduler.schedule();
      },
    );
  };

  // --- facilitator's actions ---
  const act = (proposalId: string, action: () => Promise<unknown>): void => {
    proposalErrors.delete(proposalId);
    action().then(
      () => undefined,
      (error: unknown) => {
        proposalErrors.set(proposalId, errorText(error));
        drawn.panel = '';
        scheduler.schedule();
      },
    );
  };
  const proposalHandlers = {
    mergeTarget: (pid: string) => mergeTargets.get(pid) ?? '',
    setMergeTarget: (pid: string, into: string) => mergeTargets.set(pid, into),
    accept: (pid: string) => act(pid, () => api.accept(workshopId, pid)),
    decline: (pid: string) => act(pid, () => api.decline(workshopId, pid)),
    merge: (pid: string) => {
      const select = panel.querySelector<HTMLSelectElement>(
        `[data-proposal-id="${CSS.escape(pid)}"] [data-testid=proposal-merge-into]`,
      );
      const into = select?.value ?? mergeTargets.get(pid);
      if (into) act(pid, () => api.merge(workshopId, pid, into));
    },
    errors: proposalErrors,
  };
  const submitVote = (): void => {
    if (!room) return;
    const ranking = rankingOf(
      votePicks,
      room.variants.filter((v) => v.state === 'completed').map((v) => v.id),
    );
    api.vote(workshopId, ranking).then(
      () => {
        voteMessage = { text: t('ws.vote.saved'), error: false };
        drawn.panel = '';
        scheduler.schedule();
      },
      (error: unknown) => {
        voteMessage = { text: errorText(error), error: true };
        drawn.panel = '';
        scheduler.schedule();
      },
    );
  };

  // --- drawing ---
  /** what each part was last drawn from (identity of the state's parts and the view) */
  const drawn = { head: '', follow: '', controls: '', panel: '', variants: [] as unknown[], form: '' };
  let panelData: unknown[] = [];
  const same = (a: unknown[], b: unknown[]): boolean =>
    a.length === b.length && a.every((x, i) => x === b[i]);

  const render = (): void => {
    if (!alive) return;
    if (refused) {
      replace(root, h('p', { class: 'error', role: 'alert' }, refused));
      return;
    }
    if (!room || !view) return;
    const current = room;
    const shown = view.shown;
    const language = lang();
    const connected = socket?.connected ?? false;
    const closed = current.workshop.state === 'closed';
    if (page.parentElement !== root) root.replaceChildren(page);
    page.dataset.run = shown.runId ?? '';
    page.dataset.chart = shown.chart;
    page.dataset.area = shown.area ?? '';
    page.dataset.following = String(view.following);
    page.dataset.seq = String(current.seq);
    page.dataset.role = view.role;
    page.dataset.state = current.workshop.state;

    const headKey = [language, current.workshop.state, current.participants.length, view.role].join('|');
    if (drawn.head !== headKey) {
      drawn.head = headKey;
      drawHead(current, closed);
    }
    status.replaceChildren(
      h(
        'span',
        { class: connected ? 'live-on' : 'live-off', 'data-connected': String(connected) },
        connected ? t('ws.room.live') : t('ws.room.offline'),
      ),
      ' · ',
      t('ws.room.participants', { n: current.participants.length }),
    );

    const lead = view.facilitator;
    const followKey = [
      language,
      view.role,
      view.following,
      lead.chart,
      lead.runId,
      lead.area,
      Boolean(region),
    ].join('|');
    if (drawn.follow !== followKey) {
      drawn.follow = followKey;
      replace(
        followBar,
        view.role === 'facilitator'
          ? h('span', { class: 'ws-badge facilitator' }, t('ws.room.facilitator'))
          : [
              h('span', { class: 'ws-badge participant' }, t('ws.room.participant')),
              ' ',
              h('span', null, view.following ? t('ws.room.following') : t('ws.room.exploring')),
              ' ',
              h(
                'button',
                {
                  type: 'button',
                  class: 'primary',
                  'data-testid': 'follow-back',
                  hidden: view.following,
                  onclick: () => dispatch({ type: 'follow' }),
                },
                t('ws.room.followBack'),
              ),
              // where the one click leads
              view.following
                ? null
                : h(
                    'span',
                    { class: 'muted small' },
                    t('ws.room.facilitatorOn', { view: viewText(current, lead) }),
                  ),
            ],
      );
    }

    const runs = roomRuns(current);
    const controlsKey = [
      language,
      shown.chart,
      shown.runId,
      shown.area,
      current.variants.map((v) => v.id).join(','),
      current.proposals.filter((p) => p.state === 'proposed').length,
      Boolean(region),
    ].join('|');
    if (drawn.controls !== controlsKey) {
      drawn.controls = controlsKey;
      drawControls(current, shown, runs);
    }

    if (!same(drawn.variants, [current.variants, language])) {
      drawn.variants = [current.variants, language];
      replace(variantsBox, h('h2', null, t('ws.variants.title')), variantList(current.variants));
    }

    const formKey = [language, Boolean(region), closed].join('|');
    if (drawn.form !== formKey) {
      drawn.form = formKey;
      // drawn again when the region's names arrive or the workshop closes: what was typed stays
      const typed = formValues(formBox);
      replace(
        formBox,
        h('h2', null, t('ws.proposal.heading')),
        proposalForm({
          levers: current.workshop.levers,
          facts: facts(),
          names: names(),
          closed,
          submit: (request: ProposalRequest) => api.propose(workshopId, request),
        }),
      );
      restoreFormValues(formBox, typed);
    }

    // the panel: run charts only when their run, area or result changed
    const runId = shown.runId ?? current.workshop.baseline.runId;
    const isRunChart = shown.chart === 'kpis' || shown.chart === 'occupancy' || shown.chart === 'map';
    if (isRunChart) needResult(runId);
    if (!region) needResult(current.workshop.baseline.runId);
    watchLive(isRunChart && !runCompleted(current, runId) ? runId : null);
    const data: unknown[] = isRunChart
      ? [runId, results.get(runId), runCompleted(current, runId), current.variants, liveRun?.state?.seq]
      : shown.chart === 'board'
        ? [current.board]
        : shown.chart === 'proposals'
          ? [current.proposals, current.workshop.state, current.variants]
          : [current.board.vote, current.variants, current.workshop.state];
    const panelKey = [language, shown.chart, shown.area, view.role, Boolean(region)].join('|');
    if (drawn.panel !== panelKey || !same(panelData, data)) {
      drawn.panel = panelKey;
      panelData = data;
      drawPanel(current, shown, runId);
    }
  };

  /** Watches `runId` live while it is on screen and running (null: nothing to watch). */
  const watchLive = (runId: string | null): void => {
    if (liveRun?.runId === runId) return;
    liveRun?.stop();
    liveRun = null;
    if (!runId) return;
    const watching: { runId: string; stop(): void; state: LiveRunState | null } = {
      runId,
      stop: () => undefined,
      state: null,
    };
    const watch = context.live().client.watch(runId, {
      onChange: (state) => {
        watching.state = state;
        scheduler.schedule();
      },
    });
    watching.stop = () => watch.stop();
    liveRun = watching;
  };

  /** A running run's occupancy as it fills in: the band over the replications that reached each day. */
  const liveOccupancy = (state: LiveRunState, area: string | null): HTMLElement => {
    const slot = chartSlot('workshop-live-occupancy');
    const areaIds = region?.areas.map((a) => a.id);
    slot.append(
      occupancyChart(panelsFromLive(state.band), {
        lang: lang(),
        band: 'minmax',
        rows: area ? [area] : areaIds,
        columns: [...BED_FUNCTION_ORDER],
        rowLabel: region ? areaNamer(region) : (id: string) => id,
        columnLabel: functionName,
        xDomain: [1, Math.max(2, state.totalDays)],
        xLabel: word('simulatedDay', lang()),
        shadeUntil: state.warmupDays,
        shadeLabel: t('live.warmup'),
        targets: region?.occupancyTargets,
        footnote: inputs || undefined,
      }),
    );
    return slot;
  };

  /** A view in words: "地図 · 仙台 +5台 · 仙台". */
  const viewText = (current: RoomState, shown: WorkshopView): string => {
    const run = shown.runId ? roomRuns(current).find((r) => r.runId === shown.runId) : undefined;
    return [
      t(`ws.chart.${shown.chart}` as MessageKey),
      run ? (run.variant?.title ?? t('ws.run.baseline')) : null,
      shown.area ? names().area(shown.area) : t('ws.area.all'),
    ]
      .filter(Boolean)
      .join(' · ');
  };

  const drawHead = (current: RoomState, closed: boolean): void => {
    const w = current.workshop;
    const facilitator = view?.role === 'facilitator';
    replace(
      head,
      h('h1', null, w.title),
      h('p', { class: 'ws-question' }, w.question),
      h(
        'p',
        { class: 'ws-code-line' },
        `${t('ws.room.code')}: `,
        h('strong', { class: 'ws-code', 'data-join-code': w.joinCode }, w.joinCode),
        ' · ',
        h(
          'a',
          // rel=opener: the new tab gets a copy of this tab's sessionStorage (a participant's token)
          { href: href({ name: 'workshopProjector', id: w.id }), target: '_blank', rel: 'opener' },
          t('ws.list.projector'),
        ),
        ' · ',
        h(
          'a',
          {
            href: href({ name: 'workshopHandout', id: w.id, lang: lang() }),
            target: '_blank',
            rel: 'opener',
          },
          t('ws.list.handout'),
        ),
        facilitator
          ? [
              ' · ',
              h(
                'button',
                { type: 'button', class: 'link', 'data-action': 'export', onclick: () => void exportFile() },
                t('ws.room.export'),
              ),
              closed
                ? null
                : [
                    ' · ',
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'danger',
                        'data-action': 'close-workshop',
                        onclick: () => {
                          if (!confirm(t('ws.room.closeConfirm'))) return;
                          api.close(workshopId).then(
                            () => undefined,
                            (error: unknown) => (status.textContent = errorText(error)),
                          );
                        },
                      },
                      t('ws.room.close'),
                    ),
                  ],
            ]
          : null,
      ),
      closed ? h('p', { class: 'inputs-banner', role: 'note' }, t('ws.room.closedBanner')) : null,
    );
  };

  const exportFile = async (): Promise<void> => {
    try {
      const response = await fetch(`/api/workshops/${encodeURIComponent(workshopId)}/export`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      downloadBlob(await response.blob(), `workshop-${workshopId}.json`);
    } catch (error) {
      status.textContent = errorText(error);
    }
  };

  const drawControls = (current: RoomState, shown: WorkshopView, runs: ReturnType<typeof roomRuns>): void => {
    const waiting = current.proposals.filter((p) => p.state === 'proposed').length;
    const tabs = h(
      'div',
      { class: 'ws-tabs', role: 'tablist', 'aria-label': t('ws.room.view') },
      WORKSHOP_CHARTS.map((chart: WorkshopChart) =>
        h(
          'button',
          {
            type: 'button',
            role: 'tab',
            'aria-selected': String(chart === shown.chart),
            class: chart === shown.chart ? 'active' : null,
            'data-testid': `chart-tab-${chart}`,
            onclick: () => dispatch({ type: 'local', change: { chart } }),
          },
          t(`ws.chart.${chart}` as MessageKey),
          // proposals waiting for the facilitator, so they are seen arriving from any panel
          chart === 'proposals' && waiting > 0
            ? h('span', { class: 'ws-count', 'data-waiting': String(waiting) }, ` ${waiting}`)
            : null,
        ),
      ),
    );
    const runSelect = h(
      'select',
      {
        'data-testid': 'view-run',
        onchange: (event: Event) =>
          dispatch({ type: 'local', change: { runId: (event.target as HTMLSelectElement).value || null } }),
      },
      h('option', { value: '', selected: shown.runId === null }, t('ws.run.none')),
      runs.map((run) =>
        h(
          'option',
          { value: run.runId, selected: run.runId === shown.runId },
          run.variant ? run.variant.title : t('ws.run.baseline'),
        ),
      ),
    );
    const areaName = names().area;
    const areaSelect = h(
      'select',
      {
        'data-testid': 'view-area',
        onchange: (event: Event) =>
          dispatch({ type: 'local', change: { area: (event.target as HTMLSelectElement).value || null } }),
      },
      h('option', { value: '', selected: shown.area === null }, t('ws.area.all')),
      facts().areas.map((id) => h('option', { value: id, selected: id === shown.area }, areaName(id))),
      // an area the facilitator chose before this tab knows the region's names
      shown.area && !facts().areas.includes(shown.area)
        ? h('option', { value: shown.area, selected: true }, shown.area)
        : null,
    );
    replace(
      controls,
      tabs,
      h(
        'div',
        { class: 'ws-selects' },
        h('label', null, h('span', null, t('ws.run.label')), runSelect),
        h('label', null, h('span', null, t('ws.area.label')), areaSelect),
      ),
    );
  };

  const drawPanel = (current: RoomState, shown: WorkshopView, runId: string): void => {
    const language = lang();
    switch (shown.chart) {
      case 'board':
        replace(
          panel,
          h('h2', null, t('ws.board.title')),
          boardTable(current.board, sort, (key) => {
            sort = nextSort(sort, key);
            drawn.panel = '';
            scheduler.schedule();
          }),
        );
        return;
      case 'proposals':
        replace(
          panel,
          h('h2', null, t('ws.proposals.title')),
          proposalList(current, view?.role ?? 'participant', proposalHandlers, names()),
        );
        return;
      case 'vote':
        replace(
          panel,
          h('h2', null, t('ws.vote.title')),
          votePanel(current, view?.role ?? 'participant', {
            picks: votePicks,
            pick: (rank, variantId) => {
              votePicks[rank] = variantId;
            },
            submit: submitVote,
            message: voteMessage,
          }),
        );
        return;
    }
    // a run's charts: its result once it completed
    const run = roomRuns(current).find((r) => r.runId === runId);
    const title = run?.variant ? run.variant.title : t('ws.run.baseline');
    const result = results.get(runId);
    const heading = h('h2', null, `${t(`ws.chart.${shown.chart}` as MessageKey)} — ${title}`);
    if (!runCompleted(current, runId)) {
      const state = run?.variant?.state ?? current.board.baseline.state;
      const failed = state === 'failed' || state === 'cancelled';
      const live = liveRun?.runId === runId ? liveRun.state : null;
      const percent = live?.percent ?? run?.variant?.percent ?? 0;
      replace(
        panel,
        heading,
        h(
          'p',
          { class: 'muted' },
          failed ? t('ws.panel.failed') : t('ws.panel.waiting', { percent: fmt.percent(percent / 100, 0) }),
        ),
        // the occupancy panel fills in live; the others wait for the result
        !failed && live && shown.chart === 'occupancy' ? liveOccupancy(live, shown.area) : null,
      );
      return;
    }
    if (result === undefined || result === 'loading') {
      replace(panel, heading, loading());
      return;
    }
    if (result instanceof Error) {
      replace(
        panel,
        heading,
        errorLine(result, () => {
          results.delete(runId);
          drawn.panel = '';
          scheduler.schedule();
        }),
      );
      return;
    }
    const doc = result;
    const docRegion = doc.provenance.region;
    const areaIds = docRegion.areas.map((a) => a.id);
    const area = shown.area && areaIds.includes(shown.area) ? shown.area : null;
    const footnote = inputs || inputsLine(doc.provenance.inputs);
    const slot = chartSlot(`workshop-${shown.chart}`);
    const sentence = current.board.rows.find((r) => r.runId === runId)?.sentence?.[language];
    if (shown.chart === 'kpis') {
      const definitions = area ? areaKpiDefinitions(area, kpiNamesOf(docRegion)) : HEADLINE_KPIS;
      const cards = withPerDay(
        shapeKpiCards(doc.aggregate.kpis, definitions, language),
        doc.aggregate.horizonDays,
      );
      slot.append(kpiCards(cards, { lang: language, footnote }));
      // a variant: its paired differences from the baseline on the board's KPIs, below its own figures
      const comparison = current.board.rows.find((r) => r.runId === runId)?.comparison;
      if (comparison) {
        const boardKpis = current.board.kpis.map((k) => ({
          key: k.key,
          label: k.label,
          unit: kpiUnit(k.key),
        }));
        slot.append(
          differenceChart(shapeDifferences(comparison.kpis, boardKpis, language), {
            lang: language,
            title: t('ws.board.title'),
            footnote,
          }),
        );
      }
    } else if (shown.chart === 'occupancy') {
      slot.append(
        occupancyChart(panelsFromAggregate(doc.aggregate.dailyOccupancy), {
          lang: language,
          band: 'ci',
          rows: area ? [area] : areaIds,
          columns: [...BED_FUNCTION_ORDER],
          rowLabel: areaNamer(docRegion),
          columnLabel: functionName,
          targets: docRegion.occupancyTargets,
          xLabel: word('dayAfterWarmup', language),
          footnote,
        }),
      );
    } else {
      slot.append(
        prefectureMap(resultMapData(doc, boundaries), {
          lang: language,
          footnote,
          selectedArea: area,
          onAreaClick: (id) => dispatch({ type: 'local', change: { area: id === area ? null : id } }),
        }),
      );
    }
    replace(panel, heading, sentence ? h('p', { class: 'ws-sentence' }, sentence) : null, slot);
  };

  const scheduler = createFrameScheduler(render);

  const load = async (): Promise<void> => {
    root.replaceChildren(loading());
    try {
      const snapshot = await api.snapshot(workshopId);
      if (!alive) return;
      if (!room) {
        room = roomFromSnapshot(snapshot);
        role = roomRole(room.canFacilitate);
        view = startFollow(room.view);
        if (room.myVote) votePicks.push(...room.myVote);
      }
      render();
      socket = context.live().now as unknown as WorkshopSocket;
      watch = watchWorkshop(socket, workshopId, room, {
        change: onChange,
        error: (code, message) => (status.textContent = `${code}: ${message}`),
        connection: () => scheduler.schedule(),
      });
    } catch (error) {
      if (!alive) return;
      if (error instanceof ApiError && error.status === 401 && joinedWorkshop() === workshopId)
        refused = t('ws.join.closed');
      if (refused) render();
      else root.replaceChildren(errorLine(error, () => void load()));
    }
  };
  const offSession = onSession(() => {
    const next = roomRole(room?.canFacilitate);
    if (next === role || !room) return;
    role = next;
    view = initialFollow(role, room.view);
    drawn.head = '';
    drawn.follow = '';
    drawn.panel = '';
    scheduler.schedule();
  });

  void load();
  return () => {
    alive = false;
    scheduler.cancel();
    offSession();
    watch?.stop();
    liveRun?.stop();
  };
};
