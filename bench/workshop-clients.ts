// The participants' sockets of `npm run bench:workshop`, in a child process of their own (forked
// by workshop.bench.ts with IPC), apart from the service and from the facilitator's process.
// Each participant opens its own socket.io connection with its participant token, subscribes to
// the workshop (a snapshot) and then follows it as the dashboard does: drop what is not newer
// than it holds, subscribe again when `prev` is newer (a gap), and on every reconnect. Every
// `view.changed` is stamped with Date.now() on arrival (the facilitator's process stamps its PUT
// with the same clock: one machine).
//
// argv: url workshopId. Messages from the parent: {type: 'open', tokens}, {type: 'finish'}.
// To the parent: {type: 'subscribed'} once every socket holds a snapshot, then {type: 'result'}.
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  WorkshopClientToServerEvents,
  WorkshopEvent,
  WorkshopServerToClientEvents,
  WorkshopSnapshot,
  WorkshopView,
} from '@caretwin/contracts';

type ParticipantSocket = Socket<WorkshopServerToClientEvents, WorkshopClientToServerEvents>;

/** A view as one string: what the facilitator's process matches arrivals against. */
export const viewKey = (view: WorkshopView): string => `${view.runId ?? ''}|${view.chart}|${view.area ?? ''}`;

/** What one participant saw. */
export interface ParticipantRecord {
  /** [view key, arrival ms, the api's `at`] of every view.changed applied, in order */
  views: Array<[string, number, number]>;
  /** the seq of every snapshot or event applied, in order */
  applied: number[];
  /** the view the participant ends on (a snapshot's or the last event's) */
  finalView: string | null;
  snapshots: number;
  stale: number;
  gaps: number;
  /** subscribe acknowledgements with an error, and connection errors */
  refused: string[];
}

export interface ParticipantsResult {
  type: 'result';
  participants: ParticipantRecord[];
}

const [url, workshopId] = process.argv.slice(2);

interface Participant {
  socket: ParticipantSocket;
  record: ParticipantRecord;
  seq: number;
}

function open(token: string): Participant {
  const socket: ParticipantSocket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    auth: { token },
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
  });
  const record: ParticipantRecord = {
    views: [],
    applied: [],
    finalView: null,
    snapshots: 0,
    stale: 0,
    gaps: 0,
    refused: [],
  };
  const p: Participant = { socket, record, seq: -1 };
  let asking = false;
  const subscribe = (): void => {
    asking = true;
    socket.emit('workshop.subscribe', { workshopId }, (reply: Ack<WorkshopSnapshot>) => {
      asking = false;
      if (!('data' in reply)) {
        record.refused.push(`${reply.error.code}: ${reply.error.message}`);
        return void setTimeout(subscribe, 250);
      }
      record.snapshots++;
      if (reply.data.seq <= p.seq) return void record.stale++;
      p.seq = reply.data.seq;
      record.applied.push(p.seq);
      record.finalView = viewKey(reply.data.view);
    });
  };
  socket.on('connect', subscribe);
  socket.on('connect_error', (error: Error) => record.refused.push(`connect: ${error.message}`));
  socket.on('workshop.event', (event: WorkshopEvent) => {
    // Timed on arrival, before anything else.
    const arrival = Date.now();
    if (p.seq < 0 || event.workshopId !== workshopId) return;
    if (event.seq <= p.seq) return void record.stale++;
    if (event.prev > p.seq) {
      record.gaps++;
      if (!asking) subscribe();
      return;
    }
    p.seq = event.seq;
    record.applied.push(event.seq);
    if (event.type === 'view.changed') {
      const key = viewKey(event.view);
      record.views.push([key, arrival, event.at]);
      record.finalView = key;
    }
  });
  return p;
}

const participants: Participant[] = [];

process.on('message', (message: { type: string; tokens?: string[] }) => {
  if (message.type === 'open') void openAll(message.tokens ?? []);
  if (message.type === 'finish') {
    const result: ParticipantsResult = { type: 'result', participants: participants.map((p) => p.record) };
    for (const p of participants) p.socket.close();
    process.send?.(result, () => process.exit(0));
  }
});

// A few at a time, as participants arrive in a room (and so the accept queue is not what is timed).
async function openAll(tokens: string[]): Promise<void> {
  for (const [i, token] of tokens.entries()) {
    participants.push(open(token));
    if (i % 10 === 9) await new Promise((r) => setTimeout(r, 20));
  }
  const ready = setInterval(() => {
    if (participants.every((p) => p.seq >= 0)) {
      clearInterval(ready);
      process.send?.({ type: 'subscribed' });
    }
  }, 50);
}
