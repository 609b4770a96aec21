// Asks for an access token (AUTH_MODE=tokens) in a modal dialog; the token is kept for the tab
// and the page reloads with it, so every view starts from an authorised state. The header's
// badge shows the role of the token held (and lets the user drop it).
import { dropToken, holdToken, session, onSession, type SessionView } from '../api/session';
import { t } from '../i18n';
import { h, replace } from './dom';

let open: HTMLDialogElement | undefined;

export function showTokenPrompt(reason: 'required' | 'rejected'): void {
  if (open?.open) return;
  const input = h('input', {
    id: 'access-token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
  });
  const dialog = h(
    'dialog',
    { class: 'token-prompt', 'aria-labelledby': 'token-prompt-title', 'data-reason': reason },
    h(
      'form',
      {
        method: 'dialog',
        onsubmit: (event: Event) => {
          event.preventDefault();
          if (!input.value.trim()) return;
          holdToken(input.value);
          location.reload();
        },
      },
      h('h2', { id: 'token-prompt-title' }, t('access.prompt.title')),
      h('p', null, t(reason === 'required' ? 'access.prompt.required' : 'access.prompt.rejected')),
      h('label', { for: 'access-token' }, t('access.prompt.label')),
      input,
      h('p', { class: 'muted small' }, t('access.prompt.note')),
      h(
        'button',
        { type: 'submit', class: 'primary', 'data-action': 'use-token' },
        t('access.prompt.submit'),
      ),
    ),
  );
  // the api cannot be used without a token: the dialog cannot be dismissed with Escape
  dialog.addEventListener('cancel', (event) => event.preventDefault());
  document.body.append(dialog);
  open = dialog;
  dialog.showModal();
  input.focus();
}

const badge = h('span', { class: 'session-badge', hidden: true, 'data-role': '' });

function drawBadge(current: SessionView): void {
  badge.hidden = current.authMode !== 'tokens' || current.role === null;
  badge.dataset.role = current.role ?? '';
  if (badge.hidden || current.role === null) return;
  replace(
    badge,
    t('access.role', { role: t(`access.role.${current.role}`) }),
    current.name ? ` · ${current.name}` : '',
    h(
      'button',
      {
        type: 'button',
        'data-action': 'forget-token',
        onclick: () => {
          dropToken();
          location.reload();
        },
      },
      t('access.signOut'),
    ),
  );
}

onSession(drawBadge);

/** The header's role badge (one element, redrawn in the current language on each call). */
export function sessionBadge(): HTMLElement {
  drawBadge(session());
  return badge;
}
