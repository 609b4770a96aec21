// Form fields of the editor, each tagged with `data-field` so a validation issue can be shown
// where it belongs, and the showing of those issues.
import type { ApiIssue } from '../../api/types';
import { h } from '../../ui/dom';
import { fieldAncestors } from './what-if';

let nextId = 0;
const uid = (field: string): string => `f-${field.replace(/[^A-Za-z0-9_-]/g, '-')}-${++nextId}`;

/** A number input; `onValue` gets a number, or null when the field is emptied. */
export function numberInput(
  field: string,
  label: string,
  value: number | null,
  onValue: (value: number | null) => void,
  attrs: Record<string, string | number> = {},
): HTMLInputElement {
  const input = h('input', {
    type: 'number',
    'data-field': field,
    'aria-label': label,
    value: value === null ? '' : value,
    step: 'any',
    inputmode: 'decimal',
    ...attrs,
  });
  input.addEventListener('input', () => {
    const text = input.value.trim();
    const n = Number(text);
    onValue(text === '' || !Number.isFinite(n) ? null : n);
  });
  return input;
}

/** A labelled row: <label> + control (+ hint). */
export function labelled(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || uid(control.dataset.field ?? 'field');
  control.id = id;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint ? h('small', { class: 'hint' }, hint) : null,
  );
}

/** Removes every shown issue. */
export function clearIssues(form: HTMLElement): void {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid="true"]').forEach((e) => e.removeAttribute('aria-invalid'));
}

/**
 * Shows each issue beside the nearest element carrying its field (walking up `a.b.c` → `a.b`),
 * and returns the issues that have no field in the form, for the general list.
 */
export function showIssues(
  form: HTMLElement,
  issues: ReadonlyArray<{ issue: ApiIssue; field: string | null }>,
): ApiIssue[] {
  clearIssues(form);
  const general: ApiIssue[] = [];
  for (const { issue, field } of issues) {
    const target = field
      ? fieldAncestors(field)
          .map((f) => form.querySelector<HTMLElement>(`[data-field="${CSS.escape(f)}"]`))
          .find((e) => e !== null)
      : null;
    if (!target) {
      general.push(issue);
      continue;
    }
    target.setAttribute('aria-invalid', 'true');
    const message = h(
      'span',
      { class: 'field-error', role: 'alert', 'data-error-for': field ?? '', 'data-path': issue.path },
      issue.message,
    );
    // inside a table cell the message goes under the input; elsewhere right after it
    if (target.parentElement?.tagName === 'TD' || target.tagName === 'TR')
      (target.tagName === 'TR' ? (target.lastElementChild ?? target) : target.parentElement)?.append(message);
    else target.after(message);
  }
  return general;
}
