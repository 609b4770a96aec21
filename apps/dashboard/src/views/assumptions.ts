// Assumptions (前提と限界): data sources, which inputs are synthetic or estimated, how the model
// departs from the static formula, the calibration residuals and the known limits — in the
// page's language. The region's own source lines and synthetic / estimated counts come from the
// api (the default region); the rest is the shared content the report shows too.
import { assumptionsSections } from '../assumptions/render';
import type { RegionView } from '../api/types';
import { localized, t } from '../i18n';
import { h, replace } from '../ui/dom';
import { inputsBanner } from '../ui/provenance';
import { errorLine, loading } from '../ui/widgets';
import type { View } from './context';
import { defaultBaseline } from './home';

export const assumptionsView: View<{ name: 'assumptions' }> = (root, _route, context) => {
  let alive = true;
  const draw = (region: RegionView | null, problem?: unknown): void => {
    replace(
      root,
      h('h1', null, t('assumptions.title')),
      h(
        'p',
        { class: 'intro' },
        region ? t('assumptions.intro', { region: localized(region.name) }) : t('assumptions.introNoRegion'),
      ),
      problem ? errorLine(problem) : null,
      region ? inputsBanner(region.inputs) : null,
      assumptionsSections(
        region ? { sources: region.sources, inputs: region.inputs, regionName: region.name } : {},
      ),
    );
  };
  const load = async (): Promise<void> => {
    root.replaceChildren(loading());
    try {
      // the region the dashboard opens with: the default baseline's
      const { items } = await context.rest.scenarios();
      const baseline = defaultBaseline(items);
      const regionId = baseline
        ? ((await context.rest.scenario(baseline.id)).scenario?.region ?? null)
        : null;
      const region = regionId ? await context.rest.region(regionId) : null;
      if (alive) draw(region);
    } catch (error) {
      // the page's own content does not depend on the api: show it with the error
      if (alive) draw(null, error);
    }
  };
  void load();
  return () => {
    alive = false;
  };
};
