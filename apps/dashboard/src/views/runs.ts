// Runs: start a run of any scenario; the list with state, scenario and a progress bar that
// moves live (socket.io) between refreshes of the list; cancel a queued or running run.
import type { RunWatch } from '@caretwin/contracts';
import type { RunView, ScenarioListing } from '../api/types';
import { fmt, localized, t } from '../i18n';
import { href } from '../router';
import { h, replace } from '../ui/dom';
import { errorLine, loading, progressBar, section, stateBadge } from '../ui/widgets';
import type { View, ViewContext } from './context';
import { loadRunSettings, saveRunSettings } from './run-settings';

const ACTIVE = new Set(['queued', 'running']);

/** Optional positive integer from a form field (empty = the scenario's own value). */
export function optionalInteger(value: string, min: number): number | undefined | null {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  const n = Number(trimmed);
  return Number.isInteger(n) && n >= min ? n : null;
}

function startForm(scenarios: ScenarioListing[], context: ViewContext): HTMLElement {
  const remembered = loadRunSettings();
  const select = h(
    'select',
    { id: 'run-scenario', name: 'scenarioId', required: true },
    scenarios.map((s) => h('option', { value: s.id }, `${localized(s.name, s.id)} (${s.id})`)),
  );
  const replications = h('input', {
    id: 'run-replications',
    type: 'number',
    value: remembered.replications ?? '',
    min: 1,
    step: 1,
    placeholder: t('runs.default'),
    inputmode: 'numeric',
  });
  const horizon = h('input', {
    id: 'run-horizon',
    type: 'number',
    value: remembered.horizonDays ?? '',
    min: 1,
    step: 1,
    placeholder: t('runs.default'),
    inputmode: 'numeric',
  });
  const seed = h('input', {
    id: 'run-seed',
    type: 'number',
    value: remembered.seed ?? '',
    min: 0,
    step: 1,
    placeholder: t('runs.default'),
    inputmode: 'numeric',
  });
  const message = h('div', { class: 'form-message', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('runs.submit'));
  const form = h(
    'form',
    { class: 'run-form' },
    h('label', { for: 'run-scenario' }, t('runs.scenario')),
    select,
    h('label', { for: 'run-replications' }, t('runs.replications')),
    replications,
    h('label', { for: 'run-horizon' }, t('runs.horizonDays')),
    horizon,
    h('label', { for: 'run-seed' }, t('runs.seed')),
    seed,
    h('p', { class: 'hint', style: 'grid-column: 1 / -1' }, t('runs.remembered')),
    submit,
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = {
      replications: optionalInteger(replications.value, 1),
      horizonDays: optionalInteger(horizon.value, 1),
      seed: optionalInteger(seed.value, 0),
    };
    const bad = Object.entries(values).find(([, v]) => v === null);
    if (bad) {
      replace(
        message,
        errorLine(new Error(`${bad[0]}: ${replications.validationMessage || 'a whole number'}`)),
      );
      return;
    }
    submit.disabled = true;
    // remembered for the next run here and in the editor (an emptied field is forgotten)
    saveRunSettings({
      ...(values.replications ? { replications: values.replications } : {}),
      ...(values.horizonDays ? { horizonDays: values.horizonDays } : {}),
      ...(values.seed !== undefined && values.seed !== null ? { seed: values.seed } : {}),
    });
    context.rest
      .startRun({
        scenarioId: select.value,
        ...(values.replications ? { replications: values.replications } : {}),
        ...(values.horizonDays ? { horizonDays: values.horizonDays } : {}),
        ...(values.seed !== undefined && values.seed !== null ? { seed: values.seed } : {}),
      })
      .then((run) => context.navigate({ name: 'live', runId: run.id }))
      .catch((error: unknown) => {
        submit.disabled = false;
        replace(message, errorLine(error));
      });
  });
  return form;
}

export const runsView: View<{ name: 'runs' }> = (root, _route, context) => {
  let alive = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watches = new Map<string, RunWatch>();
  const livePercent = new Map<string, number>();
  const tableSlot = h('div', { class: 'table-wrap' }, loading());

  const progressCell = (run: RunView): HTMLElement => {
    const percent = Math.max(run.progress.percent, livePercent.get(run.id) ?? 0);
    return h(
      'td',
      { class: 'progress-cell', 'data-run-progress': run.id },
      progressBar(percent, `${run.scenarioId} ${t('runs.progress')}`),
    );
  };

  const watch = (run: RunView): void => {
    if (watches.has(run.id)) return;
    const w = context.live().client.watch(run.id, {
      onChange: (state) => {
        livePercent.set(run.id, state.percent);
        const cell = tableSlot.querySelector(`[data-run-progress="${CSS.escape(run.id)}"]`);
        if (cell) replace(cell, progressBar(state.percent, `${run.scenarioId} ${t('runs.progress')}`));
      },
    });
    watches.set(run.id, w);
  };

  const render = (runs: RunView[], total: number): void => {
    if (runs.length === 0) {
      replace(tableSlot, h('p', { class: 'muted' }, t('runs.empty')));
      return;
    }
    const rows = runs.map((run) => {
      const cancel = h(
        'button',
        {
          type: 'button',
          class: 'danger',
          onclick: () => {
            cancel.disabled = true;
            context.rest.cancelRun(run.id).then(refresh, (error: unknown) => cancel.after(errorLine(error)));
          },
        },
        t('runs.cancel'),
      );
      return h(
        'tr',
        { 'data-run': run.id, 'data-state': run.state },
        h('td', null, fmt.dateTime(run.createdAt)),
        h('td', null, run.scenarioId),
        h(
          'td',
          null,
          stateBadge(run.state),
          run.error ? h('div', { class: 'muted small' }, run.error) : null,
        ),
        progressCell(run),
        h('td', { class: 'num' }, `${run.replications.completed}/${run.replications.planned}`),
        h(
          'td',
          { class: 'actions' },
          run.state === 'completed'
            ? h('a', { class: 'button', href: href({ name: 'results', runId: run.id }) }, t('runs.results'))
            : h('a', { class: 'button', href: href({ name: 'live', runId: run.id }) }, t('runs.live')),
          ACTIVE.has(run.state) ? cancel : null,
        ),
      );
    });
    replace(
      tableSlot,
      h(
        'table',
        { class: 'runs' },
        h('caption', null, t('runs.total', { n: total })),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            [
              t('runs.created'),
              t('runs.scenario'),
              t('runs.state'),
              t('runs.progress'),
              t('runs.replications'),
              t('runs.actions'),
            ].map((label) => h('th', { scope: 'col' }, label)),
          ),
        ),
        h('tbody', null, rows),
      ),
    );
  };

  async function refresh(): Promise<void> {
    clearTimeout(timer);
    try {
      const list = await context.rest.runs({ limit: 50 });
      if (!alive) return;
      render(list.items, list.total);
      const active = list.items.filter((r) => ACTIVE.has(r.state));
      for (const run of active) watch(run);
      for (const [id, w] of watches) {
        if (!active.some((r) => r.id === id)) {
          w.stop();
          watches.delete(id);
        }
      }
      timer = setTimeout(() => void refresh(), active.length ? 2000 : 6000);
    } catch (error) {
      if (!alive) return;
      replace(
        tableSlot,
        errorLine(error, () => void refresh()),
      );
      timer = setTimeout(() => void refresh(), 6000);
    }
  }

  const formSlot = h('div', null, loading());
  root.replaceChildren(
    h('h1', null, t('runs.title')),
    section(t('runs.start'), formSlot),
    section(t('runs.title'), tableSlot),
  );
  context.rest.scenarios().then(
    ({ items }) => alive && replace(formSlot, startForm(items, context)),
    (error: unknown) => alive && replace(formSlot, errorLine(error)),
  );
  void refresh();
  return () => {
    alive = false;
    clearTimeout(timer);
    for (const w of watches.values()) w.stop();
  };
};
