// The editor's side panel: validation status and issues without a field, run options
// (replications, horizon, seed; empty = the baseline's; remembered for the next run), save as a
// what-if (POST /api/scenarios) and run it (POST /api/runs, then the live view), and the what-if
// as JSON. With no lever changed the run is a run of the baseline itself, under its id and name.
import { h, replace } from '../../ui/dom';
import { t } from '../../i18n';
import { section } from '../../ui/widgets';
import type { ViewContext } from '../context';
import { loadRunSettings, saveRunSettings, type RememberedSettings } from '../run-settings';
import type { Baseline } from './baseline';
import { labelled } from './fields';
import type { Validation } from './validation';
import { buildWhatIf, isUnchanged, type EditorState } from './what-if';

interface Saved {
  id: string;
  version: number;
  /** the what-if as saved, to tell whether it changed since */
  json: string;
}

export function runPanel(
  state: EditorState,
  baseline: Baseline,
  validation: Validation,
  context: ViewContext,
): { element: HTMLElement; changed(): void } {
  const remembered = loadRunSettings();
  const panel: Panel = {
    state,
    validation,
    context,
    replications: runOption('run.replications', baseline.scenario.replications, remembered.replications, 1),
    horizon: runOption('run.horizonDays', baseline.scenario.horizonDays, remembered.horizonDays, 1),
    seed: runOption('run.seed', baseline.scenario.seed, remembered.seed, 0),
    message: h('div', { class: 'form-message', 'aria-live': 'polite' }),
  };
  const saveButton = actionButton('save', t('editor.save'));
  const runButton = actionButton('run', t('editor.runIt'));
  saveButton.addEventListener('click', () => save(panel, saveButton));
  runButton.addEventListener('click', () => run(panel, runButton));
  // says, while no lever changed, that the run will be the baseline's own
  const kind = h('p', { class: 'hint run-kind', 'data-run-kind': 'baseline' });
  const changed = (): void => {
    const unchanged = isUnchanged(buildWhatIf(state));
    kind.dataset.runKind = unchanged ? 'baseline' : 'what-if';
    kind.textContent = unchanged ? t('editor.baselineRun', { baseline: baseline.listing.id }) : '';
  };
  changed();
  const element = section(
    t('editor.runOptions'),
    validation.status,
    validation.general,
    labelled(t('runs.replications'), panel.replications),
    labelled(t('runs.horizonDays'), panel.horizon),
    labelled(t('runs.seed'), panel.seed),
    h('p', { class: 'hint' }, t('runs.remembered')),
    h('div', { class: 'actions' }, saveButton, runButton),
    panel.message,
    kind,
    h('details', null, h('summary', null, t('editor.preview')), validation.preview),
  );
  return { element, changed };
}

interface Panel {
  state: EditorState;
  validation: Validation;
  context: ViewContext;
  replications: HTMLInputElement;
  horizon: HTMLInputElement;
  seed: HTMLInputElement;
  message: HTMLElement;
  /** the last what-if saved */
  saved?: Saved;
}

/** Saves the what-if; it is then run by its pinned id while unchanged. */
function save(panel: Panel, button: HTMLButtonElement): void {
  const whatIf = buildWhatIf(panel.state);
  button.disabled = true;
  panel.context.rest
    .saveScenario(whatIf.scenario)
    .then((answer) => {
      panel.saved = { id: answer.id, version: answer.version, json: JSON.stringify(whatIf.scenario) };
      replace(
        panel.message,
        h('p', { class: 'ok' }, t('editor.saved', { id: answer.id, version: answer.version })),
      );
    })
    .catch((error: unknown) => panel.validation.showErrors(error, whatIf.policyFields))
    .finally(() => (button.disabled = false));
}

/** Starts a run of the what-if (or of the baseline when nothing changed) and opens its live view. */
function run(panel: Panel, button: HTMLButtonElement): void {
  const whatIf = buildWhatIf(panel.state);
  const json = JSON.stringify(whatIf.scenario);
  const { saved } = panel;
  const settings: RememberedSettings = {
    replications: whole(panel.replications, 1),
    horizonDays: whole(panel.horizon, 1),
    seed: whole(panel.seed, 0),
  };
  const given = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
  saveRunSettings(given);
  button.disabled = true;
  panel.context.rest
    .startRun({
      // the baseline runs by its id; a saved, unchanged what-if by its pinned id, so the run names its scenario
      ...(isUnchanged(whatIf)
        ? { scenarioId: panel.state.baseline }
        : saved && saved.json === json
          ? { scenarioId: `${saved.id}@${saved.version}` }
          : { scenario: whatIf.scenario }),
      ...given,
    })
    .then((started) => panel.context.navigate({ name: 'live', runId: started.id }))
    .catch((error: unknown) => {
      button.disabled = false;
      panel.validation.showErrors(error, whatIf.policyFields);
    });
}

/** A run option: the remembered value, else empty with the baseline's value as placeholder (which empty keeps). */
const runOption = (
  field: string,
  baselineValue: number,
  value: number | undefined,
  min: number,
): HTMLInputElement =>
  h('input', {
    type: 'number',
    min,
    step: 1,
    placeholder: String(baselineValue),
    value: value === undefined ? '' : value,
    'data-field': field,
  });

const actionButton = (action: string, label: string): HTMLButtonElement =>
  h('button', { type: 'button', class: 'primary', 'data-action': action }, label);

/** A whole number ≥ min, or undefined (empty or anything else: the baseline's value). */
function whole(input: HTMLInputElement, min: number): number | undefined {
  const n = Number(input.value);
  return input.value.trim() !== '' && Number.isInteger(n) && n >= min ? n : undefined;
}
