// The dashboard's entry: header (views, language switch), and the view of the current hash.
// Changing the language redraws the view in place.
import './styles.css';
import { liveConnection } from './api/live';
import { createRestClient } from './api/rest';
import { installAuthedLinks } from './api/authed-links';
import { installAuthFetch, loadSession } from './api/session';
import { initLang, lang, onLangChange, setLang, t } from './i18n';
import { href, parseRoute, type Route } from './router';
import { syncAreaWithHash } from './ui/area-filter';
import { h, replace } from './ui/dom';
import { showNotice } from './ui/notice';
import { sessionBadge, showTokenPrompt } from './ui/token-prompt';
import { assumptionsView } from './views/assumptions';
import { compareView } from './views/compare';
import type { Cleanup, ViewContext } from './views/context';
import { editorView } from './views/editor/editor';
import { homeView } from './views/home';
import { liveView } from './views/live';
import { nowView } from './views/now';
import { resultsView } from './views/results';
import { handoutView } from './workshop/handout';
import { runsView } from './views/runs';
import { joinedWorkshop, takePrintKey } from './workshop/participant';
import { workshopJoinView } from './views/workshop-join';
import { workshopProjectorView } from './views/workshop-projector';
import { workshopRoomView } from './views/workshop-room';
import { workshopsView } from './views/workshops';

const header = document.getElementById('header') as HTMLElement;
const main = document.getElementById('main') as HTMLElement;

const context: ViewContext = {
  rest: createRestClient(),
  live: liveConnection,
  navigate: (route) => {
    location.hash = href(route);
  },
};

function mount(route: Route): Cleanup {
  main.dataset.view = route.name;
  delete main.dataset.renderMs;
  delete main.dataset.renders;
  switch (route.name) {
    case 'home':
      return homeView(main, route, context);
    case 'runs':
      return runsView(main, route, context);
    case 'editor':
      return editorView(main, route, context);
    case 'live':
      return liveView(main, route, context);
    case 'results':
      return resultsView(main, route, context);
    case 'compare':
      return compareView(main, route, context);
    case 'assumptions':
      return assumptionsView(main, route, context);
    case 'now':
      return nowView(main, route, context);
    case 'workshops':
      return workshopsView(main, route, context);
    case 'workshopJoin':
      return workshopJoinView(main, route, context);
    case 'workshop':
      return workshopRoomView(main, route, context);
    case 'workshopProjector':
      return workshopProjectorView(main, route, context);
    case 'workshopHandout':
      return handoutView(main, route, context);
    case 'notFound':
      replace(
        main,
        h('h1', null, t('common.notFound')),
        h('a', { href: href({ name: 'home' }) }, t('nav.home')),
      );
      return () => undefined;
  }
}

function drawHeader(route: Route): void {
  const link = (target: Route, label: string, active: boolean): HTMLElement =>
    h(
      'a',
      { href: href(target), class: active ? 'active' : null, 'aria-current': active ? 'page' : null },
      label,
    );
  replace(
    header,
    h('a', { class: 'brand', href: href({ name: 'home' }) }, t('app.title')),
    h(
      'nav',
      { 'aria-label': 'CareTwin' },
      link({ name: 'home' }, t('nav.home'), route.name === 'home'),
      link({ name: 'now' }, t('nav.now'), route.name === 'now'),
      link(
        { name: 'runs' },
        t('nav.runs'),
        route.name === 'runs' || route.name === 'live' || route.name === 'results',
      ),
      link({ name: 'editor' }, t('nav.editor'), route.name === 'editor'),
      link({ name: 'compare' }, t('nav.compare'), route.name === 'compare'),
      link({ name: 'assumptions' }, t('nav.assumptions'), route.name === 'assumptions'),
      link(
        { name: 'workshops' },
        t('nav.workshops'),
        route.name === 'workshops' || route.name === 'workshop' || route.name === 'workshopProjector',
      ),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'lang-switch',
        'data-lang': lang() === 'ja' ? 'en' : 'ja',
        'aria-label': t('lang.switchLabel'),
        onclick: () => setLang(lang() === 'ja' ? 'en' : 'ja'),
      },
      t('lang.switch'),
    ),
    sessionBadge(),
  );
  document.title = t('app.title');
  const skip = document.querySelector('a.skip');
  if (skip) skip.textContent = t('app.skip');
}

let cleanup: Cleanup = () => undefined;
function show(): void {
  cleanup();
  const route = parseRoute(location.hash);
  // the area filter follows the user from view to view (issue 16); the URL says which
  const withArea = syncAreaWithHash(location.hash, route.name);
  if (withArea) history.replaceState(history.state, '', withArea);
  drawHeader(route);
  cleanup = mount(route);
}

initLang();
// AUTH_MODE=tokens: every /api fetch carries the tab's token; a refused one asks for another.
// A workshop participant's tab (issue 19) has no token to give: joining is its access, and a
// refused participant token means the workshop closed (the room says so), so it is never asked.
const askToken = (reason: 'required' | 'rejected'): void => {
  const route = parseRoute(location.hash);
  if (joinedWorkshop() !== null || route.name === 'workshopJoin') return;
  showTokenPrompt(reason);
};
// a print link's key becomes the tab's token before anything asks the api (then leaves the address)
const withoutKey = takePrintKey(location.hash);
if (withoutKey !== null) history.replaceState(history.state, '', withoutKey);
installAuthFetch(askToken);
// links to the api's files (CSV, FHIR, the report) carry the token too: fetched, then saved
installAuthedLinks(showNotice);
void loadSession().then(
  (need) => need !== 'ok' && askToken(need),
  () => undefined, // the api is away: the views say so
);
window.addEventListener('hashchange', show);
onLangChange(show);
show();
