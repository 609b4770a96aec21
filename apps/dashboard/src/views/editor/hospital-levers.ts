// Hospitals by area: beds per function, open or closed, and the hospital a hospital is merged
// into (any hospital id of the region, offered in a datalist).
import type { RegionView } from '../../api/types';
import { BED_FUNCTION_ORDER, FUNCTION_NAMES } from '../../charts/labels';
import { lang, localized, t } from '../../i18n';
import { h } from '../../ui/dom';
import { provenanceBadges } from '../../ui/provenance';
import { section } from '../../ui/widgets';
import type { LeverContext } from './baseline';
import { numberInput } from './fields';

const HOSPITAL_IDS = 'editor-hospital-ids';

export function hospitalsSection(levers: LeverContext): HTMLElement {
  const { region } = levers.baseline;
  return section(
    t('editor.hospitals'),
    h('p', { class: 'hint' }, t('editor.hospitalsHint')),
    h(
      'datalist',
      { id: HOSPITAL_IDS },
      region.hospitals.map((x) => h('option', { value: x.id }, localized(x.name))),
    ),
    region.areas.map((area) => areaHospitals(levers, area.id)),
  );
}

/** One area's hospitals, folded (a region has dozens). */
function areaHospitals(levers: LeverContext, area: string): HTMLElement {
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
        hospitals.map((hospital) => hospitalRow(levers, hospital)),
      ),
    ),
  );
}

/** A hospital's beds per function, whether it stays open, and what it is merged into. */
function hospitalRow(levers: LeverContext, hospital: RegionView['hospitals'][number]): HTMLElement {
  const { state } = levers;
  const name = localized(hospital.name);
  const open = h('input', {
    type: 'checkbox',
    checked: true,
    'data-field': `closed.${hospital.id}`,
    'aria-label': `${name} ${t('editor.open')}`,
  });
  open.addEventListener('change', () => {
    state.closed = open.checked
      ? state.closed.filter((id) => id !== hospital.id)
      : [...state.closed, hospital.id];
    levers.changed();
  });
  const merge = h('input', {
    type: 'text',
    list: HOSPITAL_IDS,
    'data-field': `merge.${hospital.id}`,
    'aria-label': `${name} ${t('editor.mergeInto')}`,
    size: 14,
  });
  merge.addEventListener('change', () => {
    const into = merge.value.trim();
    if (into) state.merges[hospital.id] = into;
    else delete state.merges[hospital.id];
    levers.changed();
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
  return h(
    'tr',
    { 'data-hospital': hospital.id },
    h('th', { scope: 'row' }, name, ' ', ...provenanceBadges(hospital.provenance)),
    beds.map((input) => h('td', null, input)),
    h('td', null, open),
    h('td', null, merge),
  );
}
