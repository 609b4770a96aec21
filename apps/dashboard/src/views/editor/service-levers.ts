// Ambulances per area, the online eligibility check (オンライン資格確認) parameters, travel
// speed and bed borrowing between functions.
import { fmt, t } from '../../i18n';
import { h } from '../../ui/dom';
import { section } from '../../ui/widgets';
import { ELIGIBILITY_KEYS, type LeverContext } from './baseline';
import { labelled, numberInput } from './fields';

/** Vehicles per area (the baseline's count beside each). */
export function ambulanceSection(levers: LeverContext): HTMLElement {
  const { state } = levers;
  const fields = levers.baseline.region.areas.map((area) => {
    const base = levers.base.vehicles.get(area.id) ?? 0;
    return labelled(
      `${levers.areaName(area.id)} (${t('editor.baselineBeds')} ${fmt.number(base)})`,
      numberInput(
        `ambulances.${area.id}`,
        `${levers.areaName(area.id)} ${t('editor.vehicles')}`,
        base,
        (value) => {
          if (value === null || value === base) delete state.ambulances[area.id];
          else state.ambulances[area.id] = value;
          levers.changed();
        },
        { min: 0, step: 1 },
      ),
    );
  });
  return section(t('editor.ambulances'), h('div', { class: 'field-grid' }, fields));
}

/** Eligibility check parameters, then travel speed and bed borrowing. */
export function eligibilitySection(levers: LeverContext): HTMLElement {
  const { state, base } = levers;
  const eligibility = ELIGIBILITY_KEYS.map((key) =>
    labelled(
      t(`editor.${key}`),
      numberInput(
        `eligibility.${key}`,
        t(`editor.${key}`),
        base.eligibility[key],
        (value) => {
          if (value === null || value === base.eligibility[key]) delete state.eligibility[key];
          else state.eligibility[key] = value;
          levers.changed();
        },
        { min: 0 },
      ),
    ),
  );
  const speed = numberInput(
    'speedFactor',
    t('editor.speedFactor'),
    base.speedFactor,
    (value) => {
      state.speedFactor = value === null || value === base.speedFactor ? null : value;
      levers.changed();
    },
    { min: 0.05, step: 0.05 },
  );
  const borrowing = h('input', {
    type: 'checkbox',
    checked: base.bedBorrowing,
    'data-field': 'bedBorrowing',
  });
  borrowing.addEventListener('change', () => {
    state.bedBorrowing = borrowing.checked === base.bedBorrowing ? null : borrowing.checked;
    levers.changed();
  });
  return section(
    t('editor.eligibility'),
    h('div', { class: 'field-grid' }, eligibility),
    h('h3', null, t('editor.travel')),
    labelled(t('editor.speedFactor'), speed),
    h('div', { class: 'field checkbox' }, h('label', null, borrowing, ` ${t('editor.bedBorrowing')}`)),
  );
}
