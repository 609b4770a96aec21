// Joining a workshop (issue 19): `#/join/<code>` shows the workshop's title and question
// (GET /api/workshops/join/:code, no token), asks a display name and POSTs it; the participant
// token that comes back is held for this tab (sessionStorage: a reload keeps it, the tab's end
// drops it) and the page goes to the room. The socket opens again so its handshake carries it.
import { ApiError } from '../api/rest';
import { holdToken, loadSession } from '../api/session';
import { t } from '../i18n';
import { h, replace } from '../ui/dom';
import { errorLine, loading } from '../ui/widgets';
import { createWorkshopApi, errorText } from '../workshop/api';
import { rememberJoined } from '../workshop/participant';
import '../workshop/workshop.css';
import type { View } from './context';

export const workshopJoinView: View<{ name: 'workshopJoin'; code: string }> = (root, route, context) => {
  const api = createWorkshopApi();
  let alive = true;
  const code = route.code.trim().toUpperCase();

  const load = async (): Promise<void> => {
    root.replaceChildren(loading());
    try {
      const info = await api.joinInfo(code);
      if (!alive) return;
      const name = h('input', {
        type: 'text',
        'data-testid': 'join-name',
        maxlength: 40,
        required: true,
        autocomplete: 'nickname',
      });
      const error = h('p', { class: 'error', role: 'alert', hidden: true });
      const submit = h(
        'button',
        { type: 'submit', class: 'primary', 'data-testid': 'join-submit', disabled: info.state === 'closed' },
        t('ws.join.submit'),
      );
      const form = h(
        'form',
        {
          class: 'ws-join-form card',
          novalidate: true,
          onsubmit: (event: Event) => {
            event.preventDefault();
            error.hidden = true;
            submit.disabled = true;
            api.join(code, name.value.trim()).then(
              (answer) => {
                holdToken(answer.token);
                rememberJoined(answer.workshopId);
                // who the tab is now (the header's badge, html[data-role])
                loadSession().catch(() => undefined);
                // a socket opened before joining has the old handshake: open it again with the token
                const socket = context.live().now;
                if (socket.connected) socket.disconnect().connect();
                context.navigate({ name: 'workshop', id: answer.workshopId });
              },
              (failure: unknown) => {
                error.textContent = errorText(failure);
                error.hidden = false;
                submit.disabled = false;
              },
            );
          },
        },
        h('label', { class: 'ws-field' }, h('span', null, t('ws.join.name')), name),
        submit,
        error,
        h('p', { class: 'muted small' }, t('ws.join.note')),
      );
      replace(
        root,
        h(
          'div',
          { class: 'ws-join', 'data-workshop-id': info.workshopId },
          h('h1', null, t('ws.join.title')),
          h('h2', null, info.title),
          h('p', { class: 'ws-question' }, info.question),
          info.state === 'closed' ? h('p', { class: 'inputs-banner' }, t('ws.join.closed')) : null,
          form,
        ),
      );
      name.focus();
    } catch (error) {
      if (!alive) return;
      if (error instanceof ApiError && (error.status === 404 || error.status === 410))
        replace(
          root,
          h('h1', null, t('ws.join.title')),
          h(
            'p',
            { class: 'error', role: 'alert' },
            error.status === 404 ? t('ws.join.unknown', { code }) : t('ws.join.closed'),
          ),
        );
      else root.replaceChildren(errorLine(error, () => void load()));
    }
  };
  void load();
  return () => {
    alive = false;
  };
};
