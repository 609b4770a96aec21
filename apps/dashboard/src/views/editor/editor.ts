// Scenario editor: pick a baseline, change levers, see each validation issue at its field and
// the beds after the levers beside the static need; save as a what-if (POST /api/scenarios)
// and run it (POST /api/runs).
import type { StaticNeed } from '@caretwin/contracts';
import type { BedFunction, Policy, Scenario } from '@caretwin/scenario';
import { ApiError } from '../../api/rest';
import type { ApiIssue, RegionView, ScenarioListing } from '../../api/types';
import { BED_FUNCTION_ORDER, FUNCTION_NAMES } from '../../charts/labels';
import { fmt, lang, localized, t } from '../../i18n';
import { href } from '../../router';
import { h, replace } from '../../ui/dom';
import { inputsLine, provenanceBadges } from '../../ui/provenance';
import { errorLine, loading, section } from '../../ui/widgets';
import type { View, ViewContext } from '../context';
import { defaultBaseline } from '../home';
import { needPanel } from '../need-panel';
import { areaNamer } from '../region-labels';
import { clearIssues, labelled, numberInput, showIssues } from './fields';
import { buildWhatIf, emptyState, fieldForIssue, type EditorState } from './what-if';

const ELIGIBILITY_KEYS = [
  'failureRate',
  'delayMinutes',
  'postponeShare',
  'forgoShare',
  'postponeDays',
] as const;
const VALIDATE_DELAY_MS = 400;

interface Baseline {
  listing: ScenarioListing;
  scenario: Scenario;
  staticNeed: StaticNeed;
  region: RegionView;
}

const bedsKey = (area: string, fn: string): string => `${area}\u0000${fn}`;

function bedsByAreaFunction(staticNeed: StaticNeed): Map<string, number> {
  return new Map(staticNeed.byTreatingArea.map((row) => [bedsKey(row.area, row.function), row.beds]));
}

function needByAreaFunction(staticNeed: StaticNeed): Map<string, number> {
  return new Map(staticNeed.byHomeArea.map((row) => [bedsKey(row.area, row.function), row.need]));
}

/** Vehicles per area: the region's bases, then the baseline's area-level settings. */
function vehiclesByArea(region: RegionView, policies: readonly Policy[]): Map<string, number> {
  const vehicles = new Map<string, number>();
  for (const base of region.ambulanceBases)
    vehicles.set(base.area, (vehicles.get(base.area) ?? 0) + base.vehicles);
  for (const p of policies) if (p.kind === 'setAmbulances' && p.area) vehicles.set(p.area, p.vehicles);
  return vehicles;
}

export const editorView: View<{ name: 'editor'; baseline?: string }> = (root, route, context) => {
  let alive = true;
  let cleanup: (() => void) | undefined;
  const load = async (): Promise<void> => {
    root.replaceChildren(loading());
    try {
      const { items } = await context.rest.scenarios();
      const listing = items.find((s) => s.id === route.baseline) ?? defaultBaseline(items);
      if (!listing) throw new Error('no scenarios to start from');
      const validation = await context.rest.validate({ extends: listing.id });
      const region = await context.rest.region(validation.region.id);
      if (!alive) return;
      cleanup = buildEditor(
        root,
        items,
        { listing, scenario: validation.scenario, staticNeed: validation.staticNeed, region },
        context,
      );
    } catch (error) {
      if (alive) root.replaceChildren(errorLine(error, () => void load()));
    }
  };
  void load();
  return () => {
    alive = false;
    cleanup?.();
  };
};

function buildEditor(
  root: HTMLElement,
  scenarios: ScenarioListing[],
  baseline: Baseline,
  context: ViewContext,
): () => void {
  const { region } = baseline;
  const state: EditorState = emptyState(baseline.listing.id);
  const areaName = areaNamer(region);
  const baselineBeds = bedsByAreaFunction(baseline.staticNeed);
  const baselineVehicles = vehiclesByArea(region, baseline.scenario.policies);
  const baselineEligibility = { ...region.eligibility };
  let baselineSpeed = 1;
  let baselineBorrowing = false;
  for (const p of baseline.scenario.policies) {
    if (p.kind === 'eligibility')
      Object.assign(
        baselineEligibility,
        Object.fromEntries(ELIGIBILITY_KEYS.flatMap((k) => (p[k] === undefined ? [] : [[k, p[k]]]))),
      );
    if (p.kind === 'travel' && p.speedFactor !== undefined) baselineSpeed = p.speedFactor;
    if (p.kind === 'bedBorrowing') baselineBorrowing = p.enabled;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  let validation = 0;
  let saved: { id: string; version: number; json: string } | undefined;
  let conversionKey = 0;

  const form = h('form', { class: 'editor', novalidate: true });
  form.addEventListener('submit', (e) => e.preventDefault());
  const status = h('p', { class: 'validation-status', role: 'status', 'aria-live': 'polite' });
  const general = h('ul', { class: 'general-issues' });
  const preview = h('pre', { class: 'preview' });
  const afterCells = new Map<string, HTMLElement>();
  const needCells = new Map<string, HTMLElement>();
  const needSlot = h('div', { class: 'need-slot' });
  const actionMessage = h('div', { class: 'form-message', 'aria-live': 'polite' });

  const changed = (): void => {
    const whatIf = buildWhatIf(state);
    preview.textContent = JSON.stringify(whatIf.scenario, null, 2);
    replace(status, t('editor.validating'), ' · ', t('editor.changes', { n: whatIf.policyFields.length }));
    status.dataset.state = 'validating';
    clearTimeout(timer);
    timer = setTimeout(() => void validate(), VALIDATE_DELAY_MS);
  };

  const issuesWithFields = (issues: readonly ApiIssue[], policyFields: string[]) =>
    issues.map((issue) => ({
      issue,
      field: fieldForIssue(issue.path, baseline.scenario.policies.length, policyFields),
    }));

  const showErrors = (error: unknown, policyFields: string[]): void => {
    if (error instanceof ApiError && error.body) {
      const rest = showIssues(form, issuesWithFields(error.issues, policyFields));
      replace(
        general,
        rest.map((issue) =>
          h(
            'li',
            { 'data-path': issue.path },
            issue.path ? `${issue.path}: ${issue.message}` : issue.message,
          ),
        ),
      );
      replace(
        status,
        t('editor.invalid', { n: error.issues.length || 1 }),
        error.issues.length ? '' : ` — ${error.message}`,
      );
      status.dataset.state = 'invalid';
    } else {
      replace(status, errorLine(error));
      status.dataset.state = 'error';
    }
  };

  async function validate(): Promise<void> {
    const mine = ++validation;
    const whatIf = buildWhatIf(state);
    try {
      const result = await context.rest.validate(whatIf.scenario);
      if (mine !== validation) return;
      clearIssues(form);
      replace(general);
      replace(status, t('editor.valid'), ' · ', t('editor.changes', { n: whatIf.policyFields.length }));
      status.dataset.state = 'valid';
      updateAfterLevers(result.staticNeed);
    } catch (error) {
      if (mine === validation) showErrors(error, whatIf.policyFields);
    }
  }

  const updateAfterLevers = (staticNeed: StaticNeed): void => {
    const after = bedsByAreaFunction(staticNeed);
    const need = needByAreaFunction(staticNeed);
    for (const [key, cell] of afterCells) cell.textContent = fmt.number(after.get(key) ?? 0);
    for (const [key, cell] of needCells) cell.textContent = fmt.number(need.get(key) ?? 0);
    replace(
      needSlot,
      needPanel({
        region,
        staticNeed,
        footnote: inputsLine(region.inputs),
        id: 'editor-need',
        width: 480,
        columns: 2,
      }),
    );
  };

  // --- identity and general settings -------------------------------------------------------
  const baselineSelect = h(
    'select',
    {
      'data-field': 'baseline',
      onchange: (e: Event) =>
        context.navigate({ name: 'editor', baseline: (e.currentTarget as HTMLSelectElement).value }),
    },
    scenarios.map((s) =>
      h(
        'option',
        { value: s.id, selected: s.id === baseline.listing.id },
        `${localized(s.name, s.id)} (${s.id})`,
      ),
    ),
  );
  const textInput = (field: string, value: string, onValue: (v: string) => void): HTMLInputElement => {
    const input = h('input', { type: 'text', 'data-field': field, value });
    input.addEventListener('input', () => {
      onValue(input.value);
      changed();
    });
    return input;
  };
  const years = Object.keys(region.municipalities[0]?.population ?? {}).sort();
  const yearSelect = h(
    'select',
    { 'data-field': 'year' },
    years.map((y) =>
      h(
        'option',
        { value: y, selected: Number(y) === baseline.scenario.year },
        Number(y) === baseline.scenario.year ? `${y} (${t('editor.baselineBeds')})` : y,
      ),
    ),
  );
  yearSelect.addEventListener('change', () => {
    const year = Number(yearSelect.value);
    state.year = year === baseline.scenario.year ? null : year;
    changed();
  });
  const demandInput = textInput('demand', baseline.scenario.demand.multiplier, (v) => {
    state.demand = v.trim() === '' || v.trim() === baseline.scenario.demand.multiplier ? null : v.trim();
  });

  // --- beds per area × function, with the conversions -----------------------------------------
  const need0 = needByAreaFunction(baseline.staticNeed);
  const areaTables = region.areas.map((area) =>
    h(
      'table',
      { class: 'area-beds', 'data-area': area.id },
      h('caption', null, areaName(area.id)),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, ''),
          [t('editor.baselineBeds'), t('editor.target'), t('editor.afterLevers'), t('editor.staticNeed')].map(
            (x) => h('th', { scope: 'col' }, x),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        BED_FUNCTION_ORDER.map((fn) => {
          const key = bedsKey(area.id, fn);
          const base = baselineBeds.get(key) ?? 0;
          const after = h('td', { class: 'num', 'data-after': `${area.id}.${fn}` }, fmt.number(base));
          const needCell = h(
            'td',
            { class: 'num', 'data-need': `${area.id}.${fn}` },
            fmt.number(need0.get(key) ?? 0),
          );
          afterCells.set(key, after);
          needCells.set(key, needCell);
          const input = numberInput(
            `areaBeds.${area.id}.${fn}`,
            `${areaName(area.id)} ${FUNCTION_NAMES[fn][lang()]}`,
            base,
            (value) => {
              const beds = (state.areaBeds[area.id] ??= {});
              if (value === null || value === base) delete beds[fn];
              else beds[fn] = value;
              changed();
            },
            { min: 0, step: 1 },
          );
          return h(
            'tr',
            null,
            h('th', { scope: 'row' }, FUNCTION_NAMES[fn][lang()]),
            h('td', { class: 'num' }, fmt.number(base)),
            h('td', null, input),
            after,
            needCell,
          );
        }),
      ),
    ),
  );

  const conversionList = h('div', { class: 'conversions' });
  const functionSelect = (
    field: string,
    value: BedFunction,
    onValue: (fn: BedFunction) => void,
  ): HTMLSelectElement => {
    const select = h(
      'select',
      { 'data-field': field },
      BED_FUNCTION_ORDER.map((fn) =>
        h('option', { value: fn, selected: fn === value }, FUNCTION_NAMES[fn][lang()]),
      ),
    );
    select.addEventListener('change', () => {
      onValue(select.value as BedFunction);
      changed();
    });
    return select;
  };
  const addConversion = (): void => {
    const conversion = {
      key: ++conversionKey,
      area: region.areas[0]?.id ?? '',
      from: 'acute' as BedFunction,
      to: 'recovery' as BedFunction,
      count: 50,
    };
    state.conversions.push(conversion);
    const field = `conversion.${conversion.key}`;
    const area = h(
      'select',
      { 'data-field': `${field}.area`, 'aria-label': t('need.area') },
      region.areas.map((a) => h('option', { value: a.id }, areaName(a.id))),
    );
    area.addEventListener('change', () => {
      conversion.area = area.value;
      changed();
    });
    const row = h(
      'div',
      { class: 'conversion', 'data-field': field },
      labelled(t('need.area'), area),
      labelled(
        t('editor.from'),
        functionSelect(`${field}.from`, conversion.from, (fn) => (conversion.from = fn)),
      ),
      labelled(
        t('editor.to'),
        functionSelect(`${field}.to`, conversion.to, (fn) => (conversion.to = fn)),
      ),
      labelled(
        t('editor.count'),
        numberInput(
          `${field}.count`,
          t('editor.count'),
          conversion.count,
          (v) => {
            conversion.count = v ?? 0;
            changed();
          },
          { min: 0, step: 1 },
        ),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          onclick: () => {
            state.conversions = state.conversions.filter((c) => c !== conversion);
            row.remove();
            changed();
          },
        },
        t('editor.remove'),
      ),
    );
    conversionList.append(row);
    changed();
  };

  // --- hospitals: beds, open, merged into ------------------------------------------------------
  const hospitalIds = h(
    'datalist',
    { id: 'editor-hospital-ids' },
    region.hospitals.map((x) => h('option', { value: x.id }, localized(x.name))),
  );
  const hospitalSections = region.areas.map((area) => {
    const hospitals = region.hospitals.filter((x) => x.area === area.id);
    return h(
      'details',
      { class: 'hospitals', 'data-area': area.id },
      h('summary', null, `${areaName(area.id)} (${hospitals.length})`),
      h(
        'table',
        null,
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, t('editor.hospital')),
            BED_FUNCTION_ORDER.map((fn) => h('th', { scope: 'col' }, FUNCTION_NAMES[fn][lang()])),
            h('th', { scope: 'col' }, t('editor.open')),
            h('th', { scope: 'col' }, t('editor.mergeInto')),
          ),
        ),
        h(
          'tbody',
          null,
          hospitals.map((hospital) => {
            const open = h('input', {
              type: 'checkbox',
              checked: true,
              'data-field': `closed.${hospital.id}`,
              'aria-label': `${localized(hospital.name)} ${t('editor.open')}`,
            });
            open.addEventListener('change', () => {
              state.closed = open.checked
                ? state.closed.filter((id) => id !== hospital.id)
                : [...state.closed, hospital.id];
              changed();
            });
            const merge = h('input', {
              type: 'text',
              list: 'editor-hospital-ids',
              'data-field': `merge.${hospital.id}`,
              'aria-label': `${localized(hospital.name)} ${t('editor.mergeInto')}`,
              size: 14,
            });
            merge.addEventListener('change', () => {
              const into = merge.value.trim();
              if (into) state.merges[hospital.id] = into;
              else delete state.merges[hospital.id];
              changed();
            });
            return h(
              'tr',
              { 'data-hospital': hospital.id },
              h(
                'th',
                { scope: 'row' },
                localized(hospital.name),
                ' ',
                ...provenanceBadges(hospital.provenance),
              ),
              BED_FUNCTION_ORDER.map((fn) =>
                h(
                  'td',
                  null,
                  numberInput(
                    `hospitalBeds.${hospital.id}.${fn}`,
                    `${localized(hospital.name)} ${FUNCTION_NAMES[fn][lang()]}`,
                    hospital.beds[fn],
                    (value) => {
                      const beds = (state.hospitalBeds[hospital.id] ??= {});
                      if (value === null || value === hospital.beds[fn]) delete beds[fn];
                      else beds[fn] = value;
                      changed();
                    },
                    { min: 0, step: 1 },
                  ),
                ),
              ),
              h('td', null, open),
              h('td', null, merge),
            );
          }),
        ),
      ),
    );
  });

  // --- ambulances, eligibility, travel, borrowing ------------------------------------------------
  const ambulanceFields = region.areas.map((area) => {
    const base = baselineVehicles.get(area.id) ?? 0;
    return labelled(
      `${areaName(area.id)} (${t('editor.baselineBeds')} ${fmt.number(base)})`,
      numberInput(
        `ambulances.${area.id}`,
        `${areaName(area.id)} ${t('editor.vehicles')}`,
        base,
        (value) => {
          if (value === null || value === base) delete state.ambulances[area.id];
          else state.ambulances[area.id] = value;
          changed();
        },
        { min: 0, step: 1 },
      ),
    );
  });
  const eligibilityFields = ELIGIBILITY_KEYS.map((key) =>
    labelled(
      t(`editor.${key}`),
      numberInput(
        `eligibility.${key}`,
        t(`editor.${key}`),
        baselineEligibility[key],
        (value) => {
          if (value === null || value === baselineEligibility[key]) delete state.eligibility[key];
          else state.eligibility[key] = value;
          changed();
        },
        { min: 0 },
      ),
    ),
  );
  const speed = labelled(
    t('editor.speedFactor'),
    numberInput(
      'speedFactor',
      t('editor.speedFactor'),
      baselineSpeed,
      (value) => {
        state.speedFactor = value === null || value === baselineSpeed ? null : value;
        changed();
      },
      { min: 0.05, step: 0.05 },
    ),
  );
  const borrowing = h('input', {
    type: 'checkbox',
    checked: baselineBorrowing,
    'data-field': 'bedBorrowing',
  });
  borrowing.addEventListener('change', () => {
    state.bedBorrowing = borrowing.checked === baselineBorrowing ? null : borrowing.checked;
    changed();
  });

  // --- save and run ------------------------------------------------------------------------------
  const replications = h('input', {
    type: 'number',
    min: 1,
    step: 1,
    placeholder: String(baseline.scenario.replications),
    'data-field': 'run.replications',
  });
  const horizon = h('input', {
    type: 'number',
    min: 1,
    step: 1,
    placeholder: String(baseline.scenario.horizonDays),
    'data-field': 'run.horizonDays',
  });
  const saveButton = h(
    'button',
    { type: 'button', class: 'primary', 'data-action': 'save' },
    t('editor.save'),
  );
  const runButton = h(
    'button',
    { type: 'button', class: 'primary', 'data-action': 'run' },
    t('editor.runIt'),
  );
  saveButton.addEventListener('click', () => {
    const whatIf = buildWhatIf(state);
    saveButton.disabled = true;
    context.rest
      .saveScenario(whatIf.scenario)
      .then((answer) => {
        saved = { id: answer.id, version: answer.version, json: JSON.stringify(whatIf.scenario) };
        replace(
          actionMessage,
          h('p', { class: 'ok' }, t('editor.saved', { id: answer.id, version: answer.version })),
        );
      })
      .catch((error: unknown) => showErrors(error, whatIf.policyFields))
      .finally(() => (saveButton.disabled = false));
  });
  runButton.addEventListener('click', () => {
    const whatIf = buildWhatIf(state);
    const json = JSON.stringify(whatIf.scenario);
    const positive = (input: HTMLInputElement): number | undefined => {
      const n = Number(input.value);
      return input.value.trim() !== '' && Number.isInteger(n) && n > 0 ? n : undefined;
    };
    const options = { replications: positive(replications), horizonDays: positive(horizon) };
    runButton.disabled = true;
    context.rest
      .startRun({
        // a saved, unchanged what-if runs by its pinned id, so the run names its scenario
        ...(saved && saved.json === json
          ? { scenarioId: `${saved.id}@${saved.version}` }
          : { scenario: whatIf.scenario }),
        ...(options.replications ? { replications: options.replications } : {}),
        ...(options.horizonDays ? { horizonDays: options.horizonDays } : {}),
      })
      .then((run) => context.navigate({ name: 'live', runId: run.id }))
      .catch((error: unknown) => {
        runButton.disabled = false;
        showErrors(error, whatIf.policyFields);
      });
  });

  append(form);
  function append(target: HTMLElement): void {
    target.append(
      section(
        t('editor.baseline'),
        labelled(t('editor.baseline'), baselineSelect),
        labelled(
          t('editor.id'),
          textInput('id', state.id, (v) => (state.id = v.trim())),
        ),
        labelled(
          t('editor.nameJa'),
          textInput('name.ja', state.name.ja, (v) => (state.name.ja = v)),
        ),
        labelled(
          t('editor.nameEn'),
          textInput('name.en', state.name.en, (v) => (state.name.en = v)),
        ),
      ),
      section(
        t('editor.general'),
        labelled(t('editor.year'), yearSelect),
        labelled(t('editor.demand'), demandInput, t('editor.demandHint')),
      ),
      section(
        t('editor.areaBeds'),
        h('p', { class: 'hint' }, t('editor.areaBedsHint')),
        h('div', { class: 'area-grid' }, areaTables),
        h('h3', null, t('editor.conversions')),
        conversionList,
        h(
          'button',
          { type: 'button', 'data-action': 'add-conversion', onclick: addConversion },
          t('editor.addConversion'),
        ),
      ),
      section(
        t('editor.hospitals'),
        h('p', { class: 'hint' }, t('editor.hospitalsHint')),
        hospitalIds,
        hospitalSections,
      ),
      section(t('editor.ambulances'), h('div', { class: 'field-grid' }, ambulanceFields)),
      section(
        t('editor.eligibility'),
        h('div', { class: 'field-grid' }, eligibilityFields),
        h('h3', null, t('editor.travel')),
        speed,
        h('div', { class: 'field checkbox' }, h('label', null, borrowing, ` ${t('editor.bedBorrowing')}`)),
      ),
    );
  }

  root.replaceChildren(
    h('h1', null, t('editor.title')),
    h(
      'p',
      { class: 'intro' },
      t('editor.intro'),
      ' ',
      h('a', { href: href({ name: 'home' }) }, t('nav.home')),
    ),
    h(
      'div',
      { class: 'editor-layout' },
      form,
      h(
        'aside',
        { class: 'editor-side' },
        section(
          t('editor.runOptions'),
          status,
          general,
          labelled(t('runs.replications'), replications),
          labelled(t('runs.horizonDays'), horizon),
          h('div', { class: 'actions' }, saveButton, runButton),
          actionMessage,
          h('details', null, h('summary', null, t('editor.preview')), preview),
        ),
        section(t('editor.needChart'), needSlot),
      ),
    ),
  );
  updateAfterLevers(baseline.staticNeed);
  changed();
  return () => {
    clearTimeout(timer);
    validation++; // an answer still on its way is dropped
  };
}
