// Small pieces shared by the views: a titled section for a chart, a progress bar, a state
// badge (text, not colour alone), a loading line and an error line.
import type { RunStateName } from '@caretwin/contracts';
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
  const clamped = Math.max(0, Math.min(100, percent));
  return h(
    'div',
    { class: 'progress' },
    h('progress', { max: 100, value: clamped, 'aria-label': label }),
    h('span', { class: 'progress-text' }, fmt.percent(clamped / 100, 0)),
  );
}

export function stateBadge(state: RunStateName): HTMLElement {
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
