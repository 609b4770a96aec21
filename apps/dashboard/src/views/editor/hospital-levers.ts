// Hospitals by area: capabilities (三次救急, 周産期 …), beds per function, open or closed (a
// closed hospital is greyed), and the hospital it is merged into — chosen from the region's
// hospital names, checked while typing, the message in the page's language.
import type { Capability } from '@caretwin/scenario';
import type { RegionView } from '../../api/types';
import { BED_FUNCTION_ORDER, FUNCTION_NAMES } from '../../charts/labels';
import { fmt, lang, localized, t, type MessageKey } from '../../i18n';
import { h } from '../../ui/dom';
import { provenanceBadges } from '../../ui/provenance';
import { section } from '../../ui/widgets';
import type { LeverContext } from './baseline';
import { numberInput } from './fields';
import { mergeTarget } from './guardrails';
import './editor.css';

const HOSPITAL_NAMES = 'editor-hospital-names';

/** Capabilities in the order a planner reads them: emergency level first. */
const CAPABILITY_ORDER: readonly Capability[] = [
  'emergency3',
  'emergency2',
  'maternity',
  'paediatrics',
  'stroke',
  'pci',
  'trauma',
  'orthopaedics',
  'cancer',
];

const MERGE_MESSAGES = {
  unknown: 'editor.mergeUnknown',
  self: 'editor.mergeSelf',
  closed: 'editor.mergeClosed',
} as const satisfies Record<string, MessageKey>;

/** What the rows share: re-checking every merge target when a hospital opens or closes. */
interface Rows {
  levers: LeverContext;
  recheck: Array<() => void>;
}

export function hospitalsSection(levers: LeverContext): HTMLElement {
  const { region } = levers.baseline;
  const rows: Rows = { levers, recheck: [] };
  return section(
    t('editor.hospitals'),
    h('p', { class: 'hint' }, t('editor.hospitalsHint')),
    h(
      'datalist',
      { id: HOSPITAL_NAMES },
      region.hospitals.map((x) =>
        h('option', { value: localized(x.name, x.id) }, `${levers.areaName(x.area)} · ${x.id}`),
      ),
    ),
    region.areas.map((area) => areaHospitals(rows, area.id)),
  );
}

/** One area's hospitals, folded (a region has dozens). */
function areaHospitals(rows: Rows, area: string): HTMLElement {
  const { levers } = rows;
  const hospitals = levers.baseline.region.hospitals.filter((x) => x.area === area);
  return h(
    'details',
    { class: 'hospitals', 'data-area': area },
    h('summary', null, `${levers.areaName(area)} (${hospitals.length})`),
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
        hospitals.map((hospital) => hospitalRow(rows, hospital)),
      ),
    ),
  );
}

/** Capability badges (三次救急, 周産期 …) and the beds of all functions. */
function hospitalFacts(hospital: RegionView['hospitals'][number]): HTMLElement {
  const total = BED_FUNCTION_ORDER.reduce((sum, fn) => sum + hospital.beds[fn], 0);
  const capabilities = CAPABILITY_ORDER.filter((c) => hospital.capabilities.includes(c));
  return h(
    'div',
    { class: 'capabilities', 'data-capabilities': capabilities.join(' ') },
    capabilities.map((c) =>
      h('span', { class: 'capability', 'data-capability': c }, t(`capability.${c}` as MessageKey)),
    ),
    h('span', { class: 'beds-total' }, `${fmt.number(total)} ${t('editor.count')}`),
  );
}

/** A hospital's beds per function, whether it stays open, and what it is merged into. */
function hospitalRow(rows: Rows, hospital: RegionView['hospitals'][number]): HTMLElement {
  const { levers } = rows;
  const { state } = levers;
  const name = localized(hospital.name);
  const open = h('input', {
    type: 'checkbox',
    checked: true,
    'data-field': `closed.${hospital.id}`,
    'aria-label': `${name} ${t('editor.open')}`,
  });
  const closedBadge = h('span', { class: 'closed-badge', hidden: true }, t('editor.closedHospital'));
  open.addEventListener('change', () => {
    state.closed = open.checked
      ? state.closed.filter((id) => id !== hospital.id)
      : [...state.closed, hospital.id];
    row.classList.toggle('hospital-closed', !open.checked);
    row.dataset.closed = String(!open.checked);
    closedBadge.hidden = open.checked;
    // a merge into this hospital may have become wrong (or right again)
    for (const check of rows.recheck) check();
    levers.changed();
  });
  const merge = h('input', {
    type: 'text',
    list: HOSPITAL_NAMES,
    'data-field': `merge.${hospital.id}`,
    'aria-label': `${name} ${t('editor.mergeInto')}`,
    autocomplete: 'off',
    size: 16,
  });
  const mergeError = h('small', { class: 'merge-error', role: 'alert', hidden: true });
  // checked at each keystroke; only a hospital of the region (open, not itself) makes a policy
  const checkMerge = (): boolean => {
    const target = mergeTarget(merge.value, levers.baseline.region.hospitals, hospital.id, state.closed);
    const before = state.merges[hospital.id];
    if (target.kind === 'ok') state.merges[hospital.id] = target.id;
    else delete state.merges[hospital.id];
    const bad = target.kind !== 'ok' && target.kind !== 'none';
    mergeError.hidden = !bad;
    mergeError.textContent = bad ? t(MERGE_MESSAGES[target.kind], { text: merge.value.trim() }) : '';
    merge.classList.toggle('merge-invalid', bad);
    merge.dataset.merge = target.kind;
    return before !== state.merges[hospital.id];
  };
  rows.recheck.push(() => void checkMerge());
  merge.addEventListener('input', () => {
    if (checkMerge()) levers.changed();
  });
  const beds = BED_FUNCTION_ORDER.map((fn) =>
    numberInput(
      `hospitalBeds.${hospital.id}.${fn}`,
      `${name} ${FUNCTION_NAMES[fn][lang()]}`,
      hospital.beds[fn],
      (value) => {
        const changed = (state.hospitalBeds[hospital.id] ??= {});
        if (value === null || value === hospital.beds[fn]) delete changed[fn];
        else changed[fn] = value;
        levers.changed();
      },
      { min: 0, step: 1 },
    ),
  );
  const row = h(
    'tr',
    { 'data-hospital': hospital.id, 'data-closed': 'false' },
    h(
      'th',
      { scope: 'row' },
      name,
      ' ',
      ...provenanceBadges(hospital.provenance),
      closedBadge,
      hospitalFacts(hospital),
    ),
    beds.map((input) => h('td', null, input)),
    h('td', null, open),
    h('td', null, merge, mergeError),
  );
  return row;
}
