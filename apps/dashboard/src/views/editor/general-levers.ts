// The editor's first two sections: which baseline, the what-if's id and names; the year of the
// population and the demand multiplier.
import type { ScenarioListing } from '../../api/types';
import { localized, t } from '../../i18n';
import { h } from '../../ui/dom';
import { section } from '../../ui/widgets';
import type { ViewContext } from '../context';
import type { LeverContext } from './baseline';
import { labelled } from './fields';

/** A text field that reports each edit, then says the levers changed. */
function textInput(
  levers: LeverContext,
  field: string,
  value: string,
  onValue: (v: string) => void,
): HTMLInputElement {
  const input = h('input', { type: 'text', 'data-field': field, value });
  input.addEventListener('input', () => {
    onValue(input.value);
    levers.changed();
  });
  return input;
}

/** Baseline (choosing another one opens the editor on it), id and names of the what-if. */
export function identitySection(
  levers: LeverContext,
  scenarios: readonly ScenarioListing[],
  context: ViewContext,
): HTMLElement {
  const { state, baseline } = levers;
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
  return section(
    t('editor.baseline'),
    labelled(t('editor.baseline'), baselineSelect),
    labelled(
      t('editor.id'),
      textInput(levers, 'id', state.id, (v) => (state.id = v.trim())),
    ),
    labelled(
      t('editor.nameJa'),
      textInput(levers, 'name.ja', state.name.ja, (v) => (state.name.ja = v)),
    ),
    labelled(
      t('editor.nameEn'),
      textInput(levers, 'name.en', state.name.en, (v) => (state.name.en = v)),
    ),
  );
}

/** Population year (the baseline's is marked) and demand multiplier (an expression). */
export function generalSection(levers: LeverContext): HTMLElement {
  const { state, baseline } = levers;
  const baselineYear = baseline.scenario.year;
  const years = Object.keys(baseline.region.municipalities[0]?.population ?? {}).sort();
  const yearSelect = h(
    'select',
    { 'data-field': 'year' },
    years.map((y) =>
      h(
        'option',
        { value: y, selected: Number(y) === baselineYear },
        Number(y) === baselineYear ? `${y} (${t('editor.baselineBeds')})` : y,
      ),
    ),
  );
  yearSelect.addEventListener('change', () => {
    const year = Number(yearSelect.value);
    state.year = year === baselineYear ? null : year;
    levers.changed();
  });
  const multiplier = baseline.scenario.demand.multiplier;
  const demandInput = textInput(levers, 'demand', multiplier, (v) => {
    state.demand = v.trim() === '' || v.trim() === multiplier ? null : v.trim();
  });
  return section(
    t('editor.general'),
    labelled(t('editor.year'), yearSelect),
    labelled(t('editor.demand'), demandInput, t('editor.demandHint')),
  );
}
