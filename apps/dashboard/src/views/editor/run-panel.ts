// The editor's side panel: validation status and issues without a field, run options
// (replications, horizon; empty = the baseline's), save as a what-if (POST /api/scenarios) and
// run it (POST /api/runs, then the live view), and the what-if as JSON.
import { h, replace } from '../../ui/dom';
import { t } from '../../i18n';
import { section } from '../../ui/widgets';
import type { ViewContext } from '../context';
import type { Baseline } from './baseline';
import { labelled } from './fields';
import type { Validation } from './validation';
import { buildWhatIf, type EditorState } from './what-if';

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
): HTMLElement {
  const panel: Panel = {
    state,
    validation,
    context,
    replications: runOption('run.replications', baseline.scenario.replications),
    horizon: runOption('run.horizonDays', baseline.scenario.horizonDays),
    message: h('div', { class: 'form-message', 'aria-live': 'polite' }),
  };
  const saveButton = actionButton('save', t('editor.save'));
  const runButton = actionButton('run', t('editor.runIt'));
  saveButton.addEventListener('click', () => save(panel, saveButton));
  runButton.addEventListener('click', () => run(panel, runButton));
  return section(
    t('editor.runOptions'),
    validation.status,
    validation.general,
    labelled(t('runs.replications'), panel.replications),
    labelled(t('runs.horizonDays'), panel.horizon),
    h('div', { class: 'actions' }, saveButton, runButton),
    panel.message,
    h('details', null, h('summary', null, t('editor.preview')), validation.preview),
  );
}

interface Panel {
  state: EditorState;
  validation: Validation;
  context: ViewContext;
  replications: HTMLInputElement;
  horizon: HTMLInputElement;
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

/** Starts a run of the what-if and opens its live view. */
function run(panel: Panel, button: HTMLButtonElement): void {
  const whatIf = buildWhatIf(panel.state);
  const json = JSON.stringify(whatIf.scenario);
  const { saved } = panel;
  const replications = positive(panel.replications);
  const horizonDays = positive(panel.horizon);
  button.disabled = true;
  panel.context.rest
    .startRun({
      // a saved, unchanged what-if runs by its pinned id, so the run names its scenario
      ...(saved && saved.json === json
        ? { scenarioId: `${saved.id}@${saved.version}` }
        : { scenario: whatIf.scenario }),
      ...(replications ? { replications } : {}),
      ...(horizonDays ? { horizonDays } : {}),
    })
    .then((started) => panel.context.navigate({ name: 'live', runId: started.id }))
    .catch((error: unknown) => {
      button.disabled = false;
      panel.validation.showErrors(error, whatIf.policyFields);
    });
}

/** A run option; its placeholder is the baseline's value, which an empty field keeps. */
const runOption = (field: string, baselineValue: number): HTMLInputElement =>
  h('input', { type: 'number', min: 1, step: 1, placeholder: String(baselineValue), 'data-field': field });

const actionButton = (action: string, label: string): HTMLButtonElement =>
  h('button', { type: 'button', class: 'primary', 'data-action': action }, label);

/** A whole number above 0, or undefined (empty or anything else: the baseline's value). */
function positive(input: HTMLInputElement): number | undefined {
  const n = Number(input.value);
  return input.value.trim() !== '' && Number.isInteger(n) && n > 0 ? n : undefined;
}
