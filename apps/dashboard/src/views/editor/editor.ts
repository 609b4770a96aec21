// Scenario editor: pick a baseline, change levers, see each validation issue at its field and
// the beds after the levers beside the static need; save as a what-if (POST /api/scenarios)
// and run it (POST /api/runs). Each section of levers is its own module; this one loads the
// baseline and lays the sections out.
import type { StaticNeed } from '@caretwin/contracts';
import type { ScenarioListing } from '../../api/types';
import { t } from '../../i18n';
import { href } from '../../router';
import { h, replace } from '../../ui/dom';
import { inputsLine } from '../../ui/provenance';
import { errorLine, loading, section } from '../../ui/widgets';
import type { View, ViewContext } from '../context';
import { defaultBaseline } from '../home';
import { needPanel } from '../need-panel';
import { areaNamer } from '../region-labels';
import { baselineLevers, type Baseline, type LeverContext } from './baseline';
import { areaBedsSection } from './bed-levers';
import { generalSection, identitySection } from './general-levers';
import { hospitalsSection } from './hospital-levers';
import { runPanel } from './run-panel';
import { ambulanceSection, eligibilitySection } from './service-levers';
import { createValidation } from './validation';
import { emptyState } from './what-if';

export const editorView: View<{ name: 'editor'; baseline?: string }> = (root, route, context) => {
  let alive = true;
  let cleanup: (() => void) | undefined;
  const load = async (): Promise<void> => {
    root.replaceChildren(loading());
    try {
      const { items } = await context.rest.scenarios();
      const listing = items.find((s) => s.id === route.baseline) ?? defaultBaseline(items);
      if (!listing) throw new Error('no scenarios to start from');
      const validation = await context.rest.validate({ extends: listing.id });
      const region = await context.rest.region(validation.region.id);
      if (!alive) return;
      cleanup = buildEditor(
        root,
        items,
        { listing, scenario: validation.scenario, staticNeed: validation.staticNeed, region },
        context,
      );
    } catch (error) {
      if (alive) root.replaceChildren(errorLine(error, () => void load()));
    }
  };
  void load();
  return () => {
    alive = false;
    cleanup?.();
  };
};

/** The editor on a loaded baseline: the lever sections in a form, the run panel and the need chart beside. */
function buildEditor(
  root: HTMLElement,
  scenarios: ScenarioListing[],
  baseline: Baseline,
  context: ViewContext,
): () => void {
  const form = h('form', { class: 'editor', novalidate: true });
  form.addEventListener('submit', (e) => e.preventDefault());
  const state = emptyState(baseline.listing.id);
  const needSlot = h('div', { class: 'need-slot' });
  const validation = createValidation({
    form,
    state,
    baseline,
    context,
    onValid: (need) => showAfterLevers(need),
  });
  const panel = runPanel(state, baseline, validation, context);
  const levers: LeverContext = {
    state,
    baseline,
    base: baselineLevers(baseline),
    areaName: areaNamer(baseline.region),
    changed: () => {
      validation.changed();
      panel.changed();
    },
  };
  const areaBeds = areaBedsSection(levers);
  const showAfterLevers = (staticNeed: StaticNeed): void => {
    areaBeds.showAfter(staticNeed);
    replace(needSlot, editorNeedPanel(baseline, staticNeed));
  };
  form.append(
    identitySection(levers, scenarios, context),
    generalSection(levers),
    areaBeds.element,
    hospitalsSection(levers),
    ambulanceSection(levers),
    eligibilitySection(levers),
  );
  root.replaceChildren(...editorPage(form, panel.element, section(t('editor.needChart'), needSlot)));
  showAfterLevers(baseline.staticNeed);
  validation.changed();
  return validation.stop;
}

/** Title and introduction, the form of levers, and beside it the run panel and the need chart. */
function editorPage(form: HTMLElement, ...side: HTMLElement[]): HTMLElement[] {
  return [
    h('h1', null, t('editor.title')),
    h(
      'p',
      { class: 'intro' },
      t('editor.intro'),
      ' ',
      h('a', { href: href({ name: 'home' }) }, t('nav.home')),
    ),
    h('div', { class: 'editor-layout' }, form, h('aside', { class: 'editor-side' }, side)),
  ];
}

/** Beds and static need of a valid what-if, drawn narrow for the side panel. */
function editorNeedPanel(baseline: Baseline, staticNeed: StaticNeed): HTMLElement {
  const { region } = baseline;
  return needPanel({
    region,
    staticNeed,
    footnote: inputsLine(region.inputs),
    id: 'editor-need',
    width: 480,
    columns: 2,
  });
}
