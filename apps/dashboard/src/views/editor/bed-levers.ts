// Beds per area × function: the baseline's, a target to set, the beds after the levers and the
// static need (both from the last valid what-if); and conversions of beds from one function to
// another within an area, as many as the planner adds. A new conversion row is empty and asks
// for its area and beds (no policy until it has both); a bed target and a conversion on the
// same beds (same area and function) are flagged as double counting (二重計上).
import type { StaticNeed } from '@caretwin/contracts';
import type { BedFunction } from '@caretwin/scenario';
import { BED_FUNCTION_ORDER, FUNCTION_NAMES } from '../../charts/labels';
import { fmt, lang, t } from '../../i18n';
import { h } from '../../ui/dom';
import { section } from '../../ui/widgets';
import { bedsByAreaFunction, bedsKey, needByAreaFunction, type LeverContext } from './baseline';
import { labelled, numberInput } from './fields';
import { conversionProblems, doubleCounts, type ConversionProblem } from './guardrails';
import type { Conversion } from './what-if';
import './editor.css';

const PROBLEM_MESSAGES = {
  area: 'editor.conversionNeedsArea',
  count: 'editor.conversionNeedsCount',
  same: 'editor.conversionSame',
} as const satisfies Record<ConversionProblem, string>;

export interface AreaBedsSection {
  element: HTMLElement;
  /** shows the beds after the levers and the static need of a valid what-if */
  showAfter(staticNeed: StaticNeed): void;
}

export function areaBedsSection(outer: LeverContext): AreaBedsSection {
  const afterCells = new Map<string, HTMLElement>();
  const needCells = new Map<string, HTMLElement>();
  const conversions = h('div', { class: 'conversions' });
  const warnings = h('ul', { class: 'double-counts', role: 'status', 'aria-live': 'polite' });
  let conversionKey = 0;
  // every change of a target or a conversion looks for double counting, then goes on as usual
  const levers: LeverContext = {
    ...outer,
    changed: () => {
      showDoubleCounts(levers, warnings, conversions);
      outer.changed();
    },
  };
  const element = section(
    t('editor.areaBeds'),
    h('p', { class: 'hint' }, t('editor.areaBedsHint')),
    h(
      'div',
      { class: 'area-grid' },
      levers.baseline.region.areas.map((area) => areaTable(levers, area.id, afterCells, needCells)),
    ),
    h('h3', null, t('editor.conversions')),
    warnings,
    conversions,
    h(
      'button',
      {
        type: 'button',
        'data-action': 'add-conversion',
        onclick: () => {
          const row = conversionRow(levers, ++conversionKey);
          conversions.append(row);
          row.querySelector('select')?.focus();
          levers.changed();
        },
      },
      t('editor.addConversion'),
    ),
  );
  return {
    element,
    showAfter(staticNeed) {
      const after = bedsByAreaFunction(staticNeed);
      const need = needByAreaFunction(staticNeed);
      for (const [key, cell] of afterCells) cell.textContent = fmt.number(after.get(key) ?? 0);
      for (const [key, cell] of needCells) cell.textContent = fmt.number(need.get(key) ?? 0);
    },
  };
}

/** One area's table: a row per function; its after-levers and need cells go into the maps. */
function areaTable(
  levers: LeverContext,
  area: string,
  afterCells: Map<string, HTMLElement>,
  needCells: Map<string, HTMLElement>,
): HTMLElement {
  const headings = [
    t('editor.baselineBeds'),
    t('editor.target'),
    t('editor.afterLevers'),
    t('editor.staticNeed'),
  ];
  const rows = BED_FUNCTION_ORDER.map((fn) => {
    const key = bedsKey(area, fn);
    const base = levers.base.beds.get(key) ?? 0;
    const after = h('td', { class: 'num', 'data-after': `${area}.${fn}` }, fmt.number(base));
    const need = h(
      'td',
      { class: 'num', 'data-need': `${area}.${fn}` },
      fmt.number(levers.base.need.get(key) ?? 0),
    );
    afterCells.set(key, after);
    needCells.set(key, need);
    return h(
      'tr',
      null,
      h('th', { scope: 'row' }, FUNCTION_NAMES[fn][lang()]),
      h('td', { class: 'num' }, fmt.number(base)),
      h('td', null, areaTargetInput(levers, area, fn, base)),
      after,
      need,
    );
  });
  return h(
    'table',
    { class: 'area-beds', 'data-area': area },
    h('caption', null, levers.areaName(area)),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, ''),
        headings.map((x) => h('th', { scope: 'col' }, x)),
      ),
    ),
    h('tbody', null, rows),
  );
}

/** The target beds of a function in an area (the baseline's value adds no policy). */
function areaTargetInput(
  levers: LeverContext,
  area: string,
  fn: BedFunction,
  base: number,
): HTMLInputElement {
  return numberInput(
    `areaBeds.${area}.${fn}`,
    `${levers.areaName(area)} ${FUNCTION_NAMES[fn][lang()]}`,
    base,
    (value) => {
      const beds = (levers.state.areaBeds[area] ??= {});
      if (value === null || value === base) delete beds[fn];
      else beds[fn] = value;
      levers.changed();
    },
    { min: 0, step: 1 },
  );
}

/** A select of the four bed functions. */
function functionSelect(
  levers: LeverContext,
  field: string,
  value: BedFunction,
  onValue: (fn: BedFunction) => void,
): HTMLSelectElement {
  const select = h(
    'select',
    { 'data-field': field },
    BED_FUNCTION_ORDER.map((fn) =>
      h('option', { value: fn, selected: fn === value }, FUNCTION_NAMES[fn][lang()]),
    ),
  );
  select.addEventListener('change', () => {
    onValue(select.value as BedFunction);
    levers.changed();
  });
  return select;
}

/** Lists each conversion that changes beds an area target already fixes, and marks its row. */
function showDoubleCounts(levers: LeverContext, list: HTMLElement, rows: HTMLElement): void {
  const found = doubleCounts(levers.state);
  list.replaceChildren(
    ...found.map((d) =>
      h(
        'li',
        { class: 'warning', 'data-double-count': `${d.area}.${d.fn}`, 'data-conversion': String(d.key) },
        t('editor.doubleCount', { area: levers.areaName(d.area), fn: FUNCTION_NAMES[d.fn][lang()] }),
      ),
    ),
  );
  const keys = new Set(found.map((d) => `conversion.${d.key}`));
  for (const row of rows.querySelectorAll<HTMLElement>('.conversion'))
    row.classList.toggle('double-count', keys.has(row.dataset.field ?? ''));
}

/** A new, empty conversion (acute → recovery, no area, no beds) added to the levers, and its row. */
function conversionRow(levers: LeverContext, key: number): HTMLElement {
  const { state, baseline } = levers;
  const conversion: Conversion = { key, area: '', from: 'acute', to: 'recovery', count: null };
  state.conversions.push(conversion);
  const field = `conversion.${conversion.key}`;
  const problems = h('small', { class: 'conversion-problems', 'aria-live': 'polite' });
  // what the row still needs, in the page's language (no policy is made until nothing is missing)
  const check = (): void => {
    const missing = conversionProblems(conversion);
    row.dataset.complete = String(missing.length === 0);
    problems.replaceChildren(
      ...missing.map((p) => h('span', { 'data-problem': p }, t(PROBLEM_MESSAGES[p]))),
      missing.length ? h('span', { class: 'muted' }, t('editor.conversionIncomplete')) : '',
    );
  };
  const area = h(
    'select',
    { 'data-field': `${field}.area`, 'aria-label': t('need.area'), required: true },
    h('option', { value: '', selected: true }, t('editor.conversionChooseArea')),
    baseline.region.areas.map((a) => h('option', { value: a.id }, levers.areaName(a.id))),
  );
  area.addEventListener('change', () => {
    conversion.area = area.value;
    check();
    levers.changed();
  });
  const count = numberInput(
    `${field}.count`,
    t('editor.count'),
    null,
    (v) => {
      conversion.count = v;
      check();
      levers.changed();
    },
    { min: 1, step: 1, required: 'required', placeholder: '0' },
  );
  const remove = (): void => {
    state.conversions = state.conversions.filter((c) => c !== conversion);
    row.remove();
    levers.changed();
  };
  const functionChanged = (set: (fn: BedFunction) => void) => (fn: BedFunction) => {
    set(fn);
    check();
  };
  const row = h(
    'div',
    { class: 'conversion', 'data-field': field },
    labelled(t('need.area'), area),
    labelled(
      t('editor.from'),
      functionSelect(
        levers,
        `${field}.from`,
        conversion.from,
        functionChanged((fn) => (conversion.from = fn)),
      ),
    ),
    labelled(
      t('editor.to'),
      functionSelect(
        levers,
        `${field}.to`,
        conversion.to,
        functionChanged((fn) => (conversion.to = fn)),
      ),
    ),
    labelled(t('editor.count'), count),
    h('button', { type: 'button', class: 'link', onclick: remove }, t('editor.remove')),
    problems,
  );
  check();
  return row;
}
