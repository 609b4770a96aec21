// The proposal form: a title, a one-line rationale and one lever of the workshop with its
// fields (area, from/to functions, hospital, and the count: beds, vehicles ±, multiplier or
// failure rate). The bound is shown beside it; the api checks it, and its 422 message (which
// names the bound) is shown as it comes. No browser validation: a value past the bound must
// reach the api to be refused with its reason.
import type { LeverBound, ProposalRequest } from '@caretwin/contracts';
import { t, type MessageKey } from '../i18n';
import { h, replace } from '../ui/dom';
import { functionName } from '../views/region-labels';
import { errorText } from './api';
import { defaultInput, leverChoices, policyOf, type ProposalInput, type RegionFacts } from './levers';
import { describeLever, leverName, type Names } from './room-panels';

export interface ProposalFormOptions {
  levers: readonly LeverBound[];
  facts: RegionFacts;
  names: Names;
  closed: boolean;
  submit(request: ProposalRequest): Promise<unknown>;
}

export function proposalForm(options: ProposalFormOptions): HTMLElement {
  const { levers, facts, names } = options;
  const title = h('input', { type: 'text', 'data-testid': 'proposal-title', maxlength: 80, required: true });
  const rationale = h('input', {
    type: 'text',
    'data-testid': 'proposal-rationale',
    maxlength: 200,
    required: true,
  });
  const leverSelect = h(
    'select',
    { 'data-testid': 'proposal-lever' },
    levers.map((lever, i) =>
      h('option', { value: String(i) }, `${leverName(lever)}: ${describeLever(lever, names)}`),
    ),
  );
  const area = h('select', { 'data-testid': 'proposal-area' });
  const from = h('select', { 'data-testid': 'proposal-from' });
  const to = h('select', { 'data-testid': 'proposal-to' });
  const hospital = h('select', { 'data-testid': 'proposal-hospital' });
  const count = h('input', { type: 'number', 'data-testid': 'proposal-count', step: 'any' });
  const countLabel = h('span');
  const bound = h('p', { class: 'muted small ws-bound' });
  const hint = h('span', { class: 'muted small' });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'proposal-error', hidden: true });
  const sent = h('p', { class: 'ok', role: 'status', hidden: true });
  const waiting = h('p', { class: 'muted small', hidden: true }, t('ws.proposal.waitingRegion'));
  const field = (label: Node | string, control: HTMLElement, extra?: Node): HTMLElement =>
    h('label', { class: 'ws-field' }, h('span', null, label), control, extra ?? null);
  const areaField = field(t('ws.proposal.area'), area, hint);
  const fromField = field(t('ws.proposal.from'), from);
  const toField = field(t('ws.proposal.to'), to);
  const hospitalField = field(t('ws.proposal.hospital'), hospital);
  const countField = field(countLabel, count);

  const options_ = (
    select: HTMLSelectElement,
    values: readonly string[],
    label: (v: string) => string,
    pick: string,
  ): void => {
    replace(
      select,
      values.map((v) => h('option', { value: v, selected: v === pick }, label(v))),
    );
  };
  const lever = (): LeverBound | undefined => levers[Number(leverSelect.value)];
  const showHint = (): void => {
    const current = lever();
    hint.textContent =
      current?.kind === 'ambulances' && area.value
        ? ` ${t('ws.proposal.baselineVehicles', { n: facts.ambulancesByArea[area.value] ?? 0 })}`
        : '';
  };
  const fill = (): void => {
    const current = lever();
    if (!current) return;
    const choices = leverChoices(current, facts);
    const input = defaultInput(choices);
    options_(area, choices.areas, names.area, input.area);
    options_(from, choices.from, functionName, input.from);
    options_(to, choices.to, functionName, input.to);
    options_(hospital, choices.hospitals, names.hospital, input.hospital);
    // an "any area" lever lists the region's areas, known once the baseline's result is read
    const needsRegion = current.kind === 'ambulances' && choices.areas.length === 0;
    waiting.hidden = !needsRegion;
    button.disabled = options.closed || needsRegion;
    areaField.hidden = choices.areas.length === 0;
    fromField.hidden = choices.from.length === 0;
    toField.hidden = choices.to.length === 0;
    hospitalField.hidden = choices.hospitals.length === 0;
    countField.hidden = choices.count === null;
    if (choices.count) {
      countLabel.textContent = t(`ws.proposal.count.${choices.count.field}` as MessageKey);
      count.value = String(choices.count.value);
      count.step = String(choices.count.step);
    }
    bound.textContent = t('ws.proposal.bound', { bound: describeLever(current, names) });
    showHint();
  };
  leverSelect.addEventListener('change', fill);
  area.addEventListener('change', showHint);

  const button = h(
    'button',
    { type: 'submit', class: 'primary', 'data-testid': 'proposal-submit', disabled: options.closed },
    t('ws.proposal.submit'),
  );
  const form = h(
    'form',
    {
      class: 'ws-proposal-form',
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        const current = lever();
        if (!current) return;
        const input: ProposalInput = {
          area: area.value,
          from: from.value,
          to: to.value,
          hospital: hospital.value,
          count: count.value === '' ? Number.NaN : Number(count.value),
        };
        const request: ProposalRequest = {
          title: title.value.trim(),
          rationale: rationale.value.trim(),
          policies: [policyOf(current, input, facts)],
        };
        error.hidden = true;
        sent.hidden = true;
        button.disabled = true;
        options.submit(request).then(
          () => {
            sent.textContent = t('ws.proposal.sent', { title: request.title });
            sent.hidden = false;
            title.value = '';
            rationale.value = '';
            button.disabled = false;
          },
          (failure: unknown) => {
            error.textContent = errorText(failure);
            error.hidden = false;
            button.disabled = false;
          },
        );
      },
    },
    field(t('ws.proposal.titleField'), title),
    field(t('ws.proposal.rationale'), rationale),
    field(t('ws.proposal.lever'), leverSelect),
    bound,
    areaField,
    fromField,
    toField,
    hospitalField,
    countField,
    waiting,
    button,
    error,
    sent,
  );
  fill();
  if (levers.length === 0) return h('p', { class: 'muted' }, t('ws.proposal.noLevers'));
  return h(
    'div',
    { class: 'ws-proposal-box' },
    options.closed ? h('p', { class: 'muted' }, t('ws.proposal.closed')) : null,
    form,
  );
}
