// Small pieces shared by the views: a titled section for a chart, a progress bar, a state
// badge (text, not colour alone), a loading line and an error line.
import type { RunState } from '@caretwin/contracts';
import { fmt, t } from '../i18n';
import { h, type Children } from './dom';

export function section(title: string, ...content: Children[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', null, title), ...content);
}

/** A div that holds one chart; `.replaceChildren(svg)` redraws it. */
export function chartSlot(name: string): HTMLDivElement {
  return h('div', { class: 'chart-slot', 'data-chart': name });
}

export function progressBar(percent: number, label: string): HTMLElement {
  const bar = h(
    'div',
    { class: 'progress' },
    h('progress', { max: 100, 'aria-label': label }),
    h('span', { class: 'progress-text' }),
  );
  setProgress(bar, percent);
  return bar;
}

/** Moves a bar made by `progressBar` (the live view keeps its bars and moves them). */
export function setProgress(bar: HTMLElement, percent: number): void {
  const clamped = Math.max(0, Math.min(100, percent));
  const progress = bar.querySelector('progress');
  const text = bar.querySelector('.progress-text');
  if (progress) progress.value = clamped;
  if (text) text.textContent = fmt.percent(clamped / 100, 0);
}

export function stateBadge(state: RunState): HTMLElement {
  return h('span', { class: `state state-${state}`, 'data-state': state }, t(`state.${state}`));
}

export const loading = (): HTMLElement => h('p', { class: 'loading', role: 'status' }, t('common.loading'));

export function errorLine(error: unknown, retry?: () => void): HTMLElement {
  const message = error instanceof Error ? error.message : String(error);
  return h(
    'p',
    { class: 'error', role: 'alert' },
    t('common.error', { message }),
    retry ? h('button', { type: 'button', onclick: retry }, t('common.retry')) : null,
  );
}
