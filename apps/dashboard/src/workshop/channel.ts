// A workshop's channel on the page's socket (issue 19): `workshop.subscribe` on every
// (re)connect, its snapshot taken unless older than what is held, then each `workshop.event`
// applied by room-state.ts; a gap in the seqs (an event whose prev is newer than held) asks for
// a snapshot again — as the contracts' run client does for runs.
import type {
  WorkshopClientToServerEvents,
  WorkshopEvent,
  WorkshopServerToClientEvents,
} from '@caretwin/contracts';
import type { Socket } from 'socket.io-client';
import { applyWorkshopEvent, takeSnapshot, type RoomState } from './room-state';

export type WorkshopSocket = Socket<WorkshopServerToClientEvents, WorkshopClientToServerEvents>;

export interface WorkshopWatch {
  readonly state: RoomState | null;
  stop(): void;
}

export function watchWorkshop(
  socket: WorkshopSocket,
  workshopId: string,
  initial: RoomState | null,
  on: {
    change(state: RoomState, cause: WorkshopEvent | 'snapshot'): void;
    error?(code: string, message: string): void;
    connection?(connected: boolean): void;
  },
): WorkshopWatch {
  let state = initial;
  let stopped = false;
  /** a subscribe is on its way: a gap does not ask again before its snapshot is in */
  let asking = false;

  const subscribe = (): void => {
    if (stopped || asking) return;
    asking = true;
    socket.emit('workshop.subscribe', { workshopId }, (reply) => {
      asking = false;
      if (stopped) return;
      if ('error' in reply) {
        on.error?.(reply.error.code, reply.error.message);
        return;
      }
      const next = takeSnapshot(state, reply.data);
      if (!next) return;
      state = next;
      on.change(state, 'snapshot');
    });
  };
  const onEvent = (event: WorkshopEvent): void => {
    if (stopped || !state || event.workshopId !== workshopId) return;
    const applied = applyWorkshopEvent(state, event);
    if (applied.outcome === 'gap') {
      if (socket.connected) subscribe();
      return;
    }
    if (applied.outcome !== 'applied') return;
    state = applied.state;
    on.change(state, event);
  };
  const onConnect = (): void => {
    on.connection?.(true);
    subscribe();
  };
  const onDisconnect = (): void => on.connection?.(false);

  socket.on('workshop.event', onEvent);
  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  if (socket.connected) subscribe();

  return {
    get state() {
      return state;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      socket.off('workshop.event', onEvent);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      if (socket.connected) socket.emit('workshop.unsubscribe', { workshopId }, () => undefined);
    },
  };
}
