// Labels for synthetic or estimated inputs, wherever a figure built on them shows.
import type { InputLabel } from '../api/types';
import { t, type MessageKey } from '../i18n';
import { h } from './dom';

const INPUT_KEYS: Record<string, MessageKey> = {
  region: 'inputs.region',
  municipalities: 'inputs.municipalities',
  hospitals: 'inputs.hospitals',
  ambulanceBases: 'inputs.ambulanceBases',
  conditions: 'inputs.conditions',
  arrivalProfiles: 'inputs.arrivalProfiles',
  transport: 'inputs.transport',
};

const nameOf = (input: string): string => (INPUT_KEYS[input] ? t(INPUT_KEYS[input]) : input);

/** One line, e.g. "合成データ: 病院 84/84 / 推定値: 市町村 39/39, 救急隊 39/39". */
export function inputsLine(labels: readonly InputLabel[]): string {
  const list = (kind: 'synthetic' | 'estimated'): string => {
    const parts = labels
      .filter((l) => l[kind] > 0)
      .map((l) => t('inputs.item', { name: nameOf(l.input), count: l[kind], items: l.items }));
    return parts.length ? parts.join(', ') : t('common.none');
  };
  return t('inputs.line', { synthetic: list('synthetic'), estimated: list('estimated') });
}

/** A visible banner with the same line (role=note, so screen readers announce it as such). */
export function inputsBanner(labels: readonly InputLabel[]): HTMLElement {
  return h(
    'p',
    { class: 'inputs-banner', role: 'note' },
    h('strong', null, `${t('inputs.title')}: `),
    inputsLine(labels),
  );
}

/** A small badge beside a synthetic or estimated item (a hospital, a municipality). */
export function provenanceBadges(
  provenance: { synthetic?: boolean; estimated?: boolean } | undefined,
): HTMLElement[] {
  const badges: HTMLElement[] = [];
  if (provenance?.synthetic) badges.push(h('span', { class: 'badge synthetic' }, t('badge.synthetic')));
  if (provenance?.estimated) badges.push(h('span', { class: 'badge estimated' }, t('badge.estimated')));
  return badges;
}
