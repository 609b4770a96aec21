// The projector (issue 19): the join code in large letters, a QR code of the join link (the
// `qrcode` library, drawn as SVG so it stays sharp on a wall), and the board, live from the
// workshop channel, readable from the back of the room.
import QRCode from 'qrcode';
import type { Workshop } from '@caretwin/contracts';
import { t } from '../i18n';
import { href } from '../router';
import { h, replace } from '../ui/dom';
import { createFrameScheduler } from '../ui/frame-scheduler';
import { errorLine, loading } from '../ui/widgets';
import { createWorkshopApi } from '../workshop/api';
import { UNSORTED, nextSort, type BoardSort } from '../workshop/board';
import { watchWorkshop, type WorkshopSocket, type WorkshopWatch } from '../workshop/channel';
import { boardTable, voteTally } from '../workshop/room-panels';
import { roomFromSnapshot, type RoomState } from '../workshop/room-state';
import '../workshop/workshop.css';
import type { View } from './context';

/** The join link: the api's, else this page's origin with the join route. */
export const joinLink = (workshop: Pick<Workshop, 'joinUrl' | 'joinCode'>, origin: string): string =>
  workshop.joinUrl || `${origin}/${href({ name: 'workshopJoin', code: workshop.joinCode })}`;

/** The QR code of a link as an SVG element. */
export async function qrSvg(text: string): Promise<SVGSVGElement> {
  const markup = await QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const parsed = new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement;
  const svg = document.importNode(parsed, true) as unknown as SVGSVGElement;
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', text);
  return svg;
}

export const workshopProjectorView: View<{ name: 'workshopProjector'; id: string }> = (
  root,
  route,
  context,
) => {
  const api = createWorkshopApi();
  let alive = true;
  let room: RoomState | null = null;
  let watch: WorkshopWatch | null = null;
  let sort: BoardSort = UNSORTED;
  const qr = h('div', { class: 'ws-qr' });
  const boardBox = h('div', { class: 'ws-projector-board' });
  const page = h('div', { class: 'ws-projector', 'data-testid': 'workshop-projector' });

  const render = (): void => {
    if (!alive || !room) return;
    const current = room;
    const titles = new Map(current.variants.map((v) => [v.id, v.title]));
    page.dataset.seq = String(current.seq);
    replace(
      boardBox,
      boardTable(current.board, sort, (key) => {
        sort = nextSort(sort, key);
        scheduler.schedule();
      }),
      current.board.vote.voters > 0 ? voteTally(current.board.vote, titles) : null,
    );
  };
  const scheduler = createFrameScheduler(render);

  const load = async (): Promise<void> => {
    root.replaceChildren(loading());
    try {
      const snapshot = await api.snapshot(route.id);
      if (!alive) return;
      room = roomFromSnapshot(snapshot);
      const workshop = snapshot.workshop;
      const link = joinLink(workshop, location.origin);
      replace(
        page,
        h(
          'div',
          { class: 'ws-projector-head' },
          h(
            'div',
            null,
            h('h1', null, workshop.title),
            h('p', { class: 'ws-question' }, workshop.question),
            h('p', { class: 'ws-projector-join' }, t('ws.projector.join')),
            h('p', { class: 'ws-big-code', 'data-testid': 'join-code', lang: 'en' }, workshop.joinCode),
            h('p', { class: 'muted' }, t('ws.projector.scan')),
            h('p', { class: 'ws-join-url' }, h('code', null, link)),
          ),
          qr,
        ),
        boardBox,
      );
      root.replaceChildren(page);
      render();
      const svg = await qrSvg(link);
      if (!alive) return;
      svg.setAttribute('data-testid', 'join-qr');
      qr.replaceChildren(svg);
      watch = watchWorkshop(context.live().now as unknown as WorkshopSocket, route.id, room, {
        change: (state) => {
          room = state;
          scheduler.schedule();
        },
      });
    } catch (error) {
      if (alive) root.replaceChildren(errorLine(error, () => void load()));
    }
  };
  void load();
  return () => {
    alive = false;
    scheduler.cancel();
    watch?.stop();
  };
};
