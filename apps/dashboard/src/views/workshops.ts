// Workshops (issue 19): the list (title, question, state, join code, links to the room, the
// projector and the handout) and, for planners and admins, the create form: title, the question,
// a baseline (a finished run, or a scenario the api runs) and the levers participants may touch
// with their bounds. Lever areas and hospitals are picked from the baseline's region; the api
// checks them again (422 at the field's path, shown as it comes).
import {
  BED_FUNCTIONS,
  LEVER_KINDS,
  type CreateWorkshopRequest,
  type LeverKind,
  type RunView,
  type Workshop,
} from '@caretwin/contracts';
import { session } from '../api/session';
import type { RegionView, ScenarioListing } from '../api/types';
import { fmt, localized, t, type MessageKey } from '../i18n';
import { href } from '../router';
import { h, replace } from '../ui/dom';
import { errorLine, loading, section } from '../ui/widgets';
import { createWorkshopApi, errorText } from '../workshop/api';
import { leverOfDraft, newLeverDraft, regionFacts, type LeverDraft } from '../workshop/levers';
import { joinedWorkshop, participantTab } from '../workshop/participant';
import { describeLever } from '../workshop/room-panels';
import '../workshop/workshop.css';
import type { View, ViewContext } from './context';
import { areaNamer, functionName, hospitalNamer } from './region-labels';

const canCreate = (): boolean =>
  !participantTab() && (session().role === 'planner' || session().role === 'admin');

function workshopList(items: readonly Workshop[]): HTMLElement {
  if (items.length === 0) return h('p', { class: 'muted' }, t('ws.list.empty'));
  return h(
    'table',
    { class: 'data ws-list' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ['ws.create.titleField', 'ws.create.question', 'ws.list.code', 'ws.room.view'].map((k) =>
          h('th', { scope: 'col' }, t(k as MessageKey)),
        ),
      ),
    ),
    h(
      'tbody',
      null,
      [...items]
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map((w) =>
          h(
            'tr',
            { 'data-workshop-id': w.id, 'data-state': w.state },
            h(
              'th',
              { scope: 'row' },
              h('a', { href: href({ name: 'workshop', id: w.id }) }, w.title),
              ' ',
              h('span', { class: `ws-state ws-state-${w.state}` }, t(`ws.state.${w.state}` as MessageKey)),
              h('div', { class: 'muted small' }, fmt.dateTime(w.createdAt)),
            ),
            h('td', null, w.question),
            h('td', null, h('code', { class: 'ws-code' }, w.joinCode)),
            h(
              'td',
              null,
              h('a', { href: href({ name: 'workshop', id: w.id }) }, t('ws.list.room')),
              ' · ',
              h('a', { href: href({ name: 'workshopProjector', id: w.id }) }, t('ws.list.projector')),
              ' · ',
              h('a', { href: href({ name: 'workshopHandout', id: w.id }) }, t('ws.list.handout')),
            ),
          ),
        ),
    ),
  );
}

/** One lever's fields; `changed` redraws the list of levers (the kind changes which fields). */
function leverRow(
  draft: LeverDraft,
  region: RegionView,
  changed: () => void,
  remove: () => void,
): HTMLElement {
  const areaName = areaNamer(region);
  const hospitalName = hospitalNamer(region);
  // the bound in words, as participants will read it, kept in step with the fields
  const summary = h('p', { class: 'muted small ws-lever-summary' });
  const describe = (): void => {
    summary.textContent = describeLever(leverOfDraft(draft), { area: areaName, hospital: hospitalName });
  };
  const number = (label: string, value: number, set: (n: number) => void, step = 'any'): HTMLElement =>
    h(
      'label',
      { class: 'ws-field' },
      h('span', null, label),
      h('input', {
        type: 'number',
        step,
        value: String(value),
        oninput: (event: Event) => {
          set(Number((event.target as HTMLInputElement).value));
          describe();
        },
      }),
    );
  const select = (
    label: string,
    value: string,
    options: ReadonlyArray<[string, string]>,
    set: (v: string) => void,
  ): HTMLElement =>
    h(
      'label',
      { class: 'ws-field' },
      h('span', null, label),
      h(
        'select',
        {
          onchange: (event: Event) => {
            set((event.target as HTMLSelectElement).value);
            describe();
          },
        },
        options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
      ),
    );
  const areas: Array<[string, string]> = region.areas.map((a) => [a.id, areaName(a.id)]);
  const functions: Array<[string, string]> = [
    ['', t('ws.lever.anyFunction')],
    ...BED_FUNCTIONS.map((f): [string, string] => [f, functionName(f)]),
  ];
  const fields: HTMLElement[] = [];
  switch (draft.kind) {
    case 'convertBeds':
      fields.push(
        select(t('ws.lever.area'), draft.area, areas, (v) => (draft.area = v)),
        number(t('ws.lever.maxBeds'), draft.maxBeds, (n) => (draft.maxBeds = n), '1'),
        select(t('ws.lever.from'), draft.from, functions, (v) => (draft.from = v)),
        select(t('ws.lever.to'), draft.to, functions, (v) => (draft.to = v)),
      );
      break;
    case 'ambulances':
      fields.push(
        select(
          t('ws.lever.area'),
          draft.area,
          [['', t('ws.lever.anyArea')], ...areas],
          (v) => (draft.area = v),
        ),
        number(t('ws.lever.maxChange'), draft.maxChange, (n) => (draft.maxChange = n), '1'),
      );
      break;
    case 'closeHospital':
      fields.push(
        h(
          'label',
          { class: 'ws-field' },
          h('span', null, t('ws.lever.hospitals')),
          h(
            'select',
            {
              multiple: true,
              size: 6,
              onchange: (event: Event) =>
                (draft.hospitals = [...(event.target as HTMLSelectElement).selectedOptions].map(
                  (o) => o.value,
                )),
            },
            region.hospitals.map((x) =>
              h('option', { value: x.id, selected: draft.hospitals.includes(x.id) }, hospitalName(x.id)),
            ),
          ),
        ),
      );
      break;
    case 'lengthOfStay':
      fields.push(
        number(t('ws.lever.min'), draft.min, (n) => (draft.min = n)),
        number(t('ws.lever.max'), draft.max, (n) => (draft.max = n)),
      );
      break;
    case 'eligibility':
      fields.push(
        number(t('ws.lever.maxFailureRate'), draft.maxFailureRate, (n) => (draft.maxFailureRate = n)),
      );
      break;
  }
  describe();
  return h(
    'li',
    { class: 'ws-lever-row', 'data-lever-kind': draft.kind },
    select(
      t('ws.lever.kind'),
      draft.kind,
      LEVER_KINDS.map((k): [string, string] => [k, t(`ws.lever.${k}` as MessageKey)]),
      (v) => {
        Object.assign(draft, newLeverDraft(v as LeverKind, regionFacts(region)));
        changed();
      },
    ),
    fields,
    h(
      'button',
      { type: 'button', class: 'link', 'data-action': 'remove-lever', onclick: remove },
      t('ws.create.removeLever'),
    ),
    summary,
  );
}

function createForm(
  scenarios: readonly ScenarioListing[],
  runs: readonly RunView[],
  context: ViewContext,
): HTMLElement {
  const api = createWorkshopApi();
  const levers: LeverDraft[] = [];
  let region: RegionView | null = null;
  const title = h('input', { type: 'text', 'data-field': 'workshop-title', required: true, maxlength: 120 });
  const question = h('input', {
    type: 'text',
    'data-field': 'workshop-question',
    required: true,
    maxlength: 300,
  });
  // one select: finished runs first, then scenarios (value "run:<id>" / "scenario:<id>")
  const baseline = h(
    'select',
    { 'data-field': 'workshop-baseline', required: true },
    h('option', { value: '' }, t('ws.create.pick')),
    h(
      'optgroup',
      { label: t('ws.create.baselineRun') },
      runs.map((r) =>
        h('option', { value: `run:${r.id}` }, `${r.scenarioId} · ${fmt.dateTime(r.createdAt)} (${r.id})`),
      ),
    ),
    h(
      'optgroup',
      { label: t('ws.create.baselineScenario') },
      scenarios.map((s) =>
        h('option', { value: `scenario:${s.id}` }, `${localized(s.name, s.id)} (${s.id})`),
      ),
    ),
  );
  const replications = h('input', {
    type: 'number',
    min: 1,
    step: 1,
    'data-field': 'workshop-replications',
    value: '',
  });
  const replicationsField = h(
    'label',
    { class: 'ws-field', hidden: true },
    h('span', null, t('ws.create.replications')),
    replications,
  );
  const leverList = h('ul', { class: 'ws-lever-list' });
  const leverHint = h('p', { class: 'muted small' }, t('ws.create.regionNeeded'));
  const addKind = h(
    'select',
    { 'data-field': 'lever-kind' },
    LEVER_KINDS.map((k) => h('option', { value: k }, t(`ws.lever.${k}` as MessageKey))),
  );
  const addButton = h(
    'button',
    {
      type: 'button',
      'data-action': 'add-lever',
      disabled: true,
      onclick: () => {
        if (!region) return;
        levers.push(newLeverDraft(addKind.value as LeverKind, regionFacts(region)));
        drawLevers();
      },
    },
    t('ws.create.addLever'),
  );
  const message = h('p', { class: 'error', role: 'alert', hidden: true });
  const drawLevers = (): void => {
    const current = region;
    leverHint.hidden = current !== null;
    addButton.disabled = current === null;
    if (!current) return leverList.replaceChildren();
    replace(
      leverList,
      levers.map((draft, i) =>
        leverRow(draft, current, drawLevers, () => {
          levers.splice(i, 1);
          drawLevers();
        }),
      ),
    );
  };
  baseline.addEventListener('change', () => {
    const [kind, id] = [baseline.value.split(':')[0], baseline.value.slice(baseline.value.indexOf(':') + 1)];
    replicationsField.hidden = kind !== 'scenario';
    region = null;
    drawLevers();
    if (!id) return;
    const regionId =
      kind === 'run'
        ? Promise.resolve(runs.find((r) => r.id === id)?.regionId)
        : context.rest.scenario(id).then((s) => s.scenario?.region);
    regionId
      .then((rid) => (rid ? context.rest.region(rid) : null))
      .then(
        (view) => {
          region = view;
          drawLevers();
        },
        (error: unknown) => {
          message.textContent = errorText(error);
          message.hidden = false;
        },
      );
  });
  const submit = h(
    'button',
    { type: 'submit', class: 'primary', 'data-action': 'create-workshop' },
    t('ws.create.submit'),
  );
  return h(
    'form',
    {
      class: 'ws-create',
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        message.hidden = true;
        const [kind, id] = [
          baseline.value.split(':')[0],
          baseline.value.slice(baseline.value.indexOf(':') + 1),
        ];
        const reps = replications.value.trim() ? Number(replications.value) : undefined;
        const request: CreateWorkshopRequest = {
          title: title.value.trim(),
          question: question.value.trim(),
          baseline:
            kind === 'run'
              ? { runId: id }
              : { scenarioId: id, ...(reps !== undefined ? { replications: reps } : {}) },
          levers: levers.map(leverOfDraft),
        };
        submit.disabled = true;
        api.create(request).then(
          (workshop) => context.navigate({ name: 'workshop', id: workshop.id }),
          (error: unknown) => {
            message.textContent = errorText(error);
            message.hidden = false;
            submit.disabled = false;
          },
        );
      },
    },
    h('label', { class: 'ws-field' }, h('span', null, t('ws.create.titleField')), title),
    h('label', { class: 'ws-field' }, h('span', null, t('ws.create.question')), question),
    h('label', { class: 'ws-field' }, h('span', null, t('ws.create.baseline')), baseline),
    replicationsField,
    h('h3', null, t('ws.create.levers')),
    leverHint,
    leverList,
    h('p', { class: 'ws-add-lever' }, addKind, ' ', addButton),
    submit,
    message,
  );
}

export const workshopsView: View<{ name: 'workshops' }> = (root, _route, context) => {
  const api = createWorkshopApi();
  let alive = true;
  // a participant's token reads its own workshop only (the list answers 403): go to its room
  const joined = joinedWorkshop();
  if (participantTab() && joined) {
    context.navigate({ name: 'workshop', id: joined });
    return () => undefined;
  }
  const load = async (): Promise<void> => {
    root.replaceChildren(loading());
    try {
      const creating = canCreate();
      const [list, scenarios, runs] = await Promise.all([
        api.list(),
        creating ? context.rest.scenarios() : Promise.resolve({ items: [] }),
        creating ? context.rest.runs({ state: 'completed', limit: 50 }) : Promise.resolve({ items: [] }),
      ]);
      if (!alive) return;
      replace(
        root,
        h('h1', null, t('ws.list.title')),
        h('p', { class: 'intro' }, t('ws.list.intro')),
        section(t('ws.list.title'), workshopList(list.items)),
        section(
          t('ws.create.title'),
          creating
            ? createForm(scenarios.items, runs.items as RunView[], context)
            : h('p', { class: 'muted' }, t('ws.create.noRights')),
        ),
      );
    } catch (error) {
      if (alive) root.replaceChildren(errorLine(error, () => void load()));
    }
  };
  void load();
  return () => {
    alive = false;
  };
};
