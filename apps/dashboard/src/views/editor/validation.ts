// The what-if checked as the planner edits: after a short pause following each change the api
// validates it (POST /api/scenarios/validate); each issue is shown at its field, issues without
// a field in a list, and the status line says valid, invalid (how many) or validating.
import type { StaticNeed } from '@caretwin/contracts';
import { ApiError } from '../../api/rest';
import type { ApiIssue } from '../../api/types';
import { t } from '../../i18n';
import { h, replace } from '../../ui/dom';
import { errorLine } from '../../ui/widgets';
import type { ViewContext } from '../context';
import type { Baseline } from './baseline';
import { clearIssues, showIssues } from './fields';
import { mergeIssueKind } from './guardrails';
import { buildWhatIf, fieldForIssue, type EditorState } from './what-if';

const VALIDATE_DELAY_MS = 400;

export interface Validation {
  /** valid / invalid / validating, and how many changes */
  status: HTMLElement;
  /** issues that belong to no field */
  general: HTMLElement;
  /** the what-if as JSON */
  preview: HTMLElement;
  /** the levers changed: show the preview now, validate after a pause */
  changed(): void;
  /** shows an api error (validation, save or run) at the fields it names */
  showErrors(error: unknown, policyFields: string[]): void;
  /** drops a pending validation and any answer still on its way */
  stop(): void;
}

export function createValidation(options: {
  form: HTMLElement;
  state: EditorState;
  baseline: Baseline;
  context: ViewContext;
  /** the api's static need of a valid what-if (beds after the levers) */
  onValid: (staticNeed: StaticNeed) => void;
}): Validation {
  const { state, context } = options;
  const shown: Shown = {
    form: options.form,
    baselinePolicies: options.baseline.scenario.policies.length,
    status: h('p', { class: 'validation-status', role: 'status', 'aria-live': 'polite' }),
    general: h('ul', { class: 'general-issues' }),
  };
  const preview = h('pre', { class: 'preview' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let validation = 0;

  const validate = async (): Promise<void> => {
    const mine = ++validation;
    const whatIf = buildWhatIf(state);
    try {
      const result = await context.rest.validate(whatIf.scenario);
      if (mine !== validation) return;
      clearIssues(shown.form);
      replace(shown.general);
      showStatus(
        shown,
        'valid',
        t('editor.valid'),
        ' · ',
        t('editor.changes', { n: whatIf.policyFields.length }),
      );
      options.onValid(result.staticNeed);
    } catch (error) {
      if (mine === validation) showErrors(shown, error, whatIf.policyFields);
    }
  };

  return {
    status: shown.status,
    general: shown.general,
    preview,
    changed() {
      const whatIf = buildWhatIf(state);
      preview.textContent = JSON.stringify(whatIf.scenario, null, 2);
      const changes = t('editor.changes', { n: whatIf.policyFields.length });
      showStatus(shown, 'validating', t('editor.validating'), ' · ', changes);
      clearTimeout(timer);
      timer = setTimeout(() => void validate(), VALIDATE_DELAY_MS);
    },
    showErrors: (error, policyFields) => showErrors(shown, error, policyFields),
    stop() {
      clearTimeout(timer);
      validation++; // an answer still on its way is dropped
    },
  };
}

/** Where issues are shown: at their fields in the form, or in the general list; and the status line. */
interface Shown {
  form: HTMLElement;
  baselinePolicies: number;
  status: HTMLElement;
  general: HTMLElement;
}

function showStatus(shown: Shown, name: 'valid' | 'invalid' | 'validating', ...text: string[]): void {
  replace(shown.status, ...text);
  shown.status.dataset.state = name;
}

function showErrors(shown: Shown, error: unknown, policyFields: string[]): void {
  if (!(error instanceof ApiError && error.body)) {
    replace(shown.status, errorLine(error));
    shown.status.dataset.state = 'error';
    return;
  }
  const located = error.issues.map((issue) => {
    const field = fieldForIssue(issue.path, shown.baselinePolicies, policyFields);
    return { issue: field?.startsWith('merge.') ? mergeIssue(issue) : issue, field };
  });
  replace(shown.general, showIssues(shown.form, located).map(generalIssue));
  showStatus(
    shown,
    'invalid',
    t('editor.invalid', { n: error.issues.length || 1 }),
    error.issues.length ? '' : ` — ${error.message}`,
  );
}

/** A merge issue in the page's language (the api words them in English). */
function mergeIssue(issue: ApiIssue): ApiIssue {
  const read = mergeIssueKind(issue.message);
  const message =
    read.kind === 'unknown'
      ? t('editor.mergeUnknown', { text: read.text })
      : read.kind === 'self'
        ? t('editor.mergeSelf')
        : t('editor.mergeRefused', { message: issue.message });
  return { ...issue, message };
}

const generalIssue = (issue: ApiIssue): HTMLElement =>
  h('li', { 'data-path': issue.path }, issue.path ? `${issue.path}: ${issue.message}` : issue.message);
