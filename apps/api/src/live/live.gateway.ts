// socket.io edge of live progress (event map: libs/contracts socket.ts). Parses each payload,
// hands the work to the fan-out, answers `{data}` or `{error}`. It is also the fan-out's sink: the
// one place that emits to a run's room, typed against the event map.
import { Inject } from '@nestjs/common';
import {
  Ack,
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import type { Logger } from '@caretwin/config';
import type {
  Ack as AckReply,
  ClientToServerEvents,
  RunEndEvent,
  RunProgressEvent,
  RunSnapshot,
  ServerToClientEvents,
} from '@caretwin/contracts';
import { AccessService } from '../access/access.service';
import type { Principal } from '../access/principal';
import { readRefusal, socketAccess } from '../access/socket-access';
import { APP_LOGGER } from '../config/config.tokens';
import { ServiceMetrics } from '../metrics/service-metrics';
import { LiveFanout, type LiveSink } from './live-fanout.service';
import { subscribeSchema } from './subscribe.dto';

interface SocketData {
  /** runs this socket subscribed to (to release them when it disconnects) */
  runs: Set<string>;
  /** who opened it, set by the handshake middleware (socket-access.ts) */
  principal?: Principal;
}

type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const room = (runId: string): string => `run:${runId}`;

function invalid(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): AckReply<never> {
  const where = error.issues
    .map((i) => `${i.path.map(String).join('.') || '(payload)'}: ${i.message}`)
    .join('; ');
  return { error: { code: 'REQUEST_INVALID', message: `payload is invalid: ${where}` } };
}

@WebSocketGateway({ serveClient: false })
export class LiveGateway implements OnGatewayInit, OnGatewayDisconnect, LiveSink {
  @WebSocketServer() private server!: LiveServer;

  constructor(
    private readonly fanout: LiveFanout,
    private readonly metrics: ServiceMetrics,
    private readonly access: AccessService,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  afterInit(): void {
    this.server.use(socketAccess(this.access)); // origin and auth.token at the handshake
    this.fanout.attach(this);
    this.metrics.watchSockets(() => this.server.engine?.clientsCount ?? 0);
  }

  @SubscribeMessage('run.subscribe')
  async subscribe(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() body: unknown,
    @Ack() ack: (reply: AckReply<RunSnapshot>) => void,
  ): Promise<void> {
    const reply = typeof ack === 'function' ? ack : () => undefined;
    const refused = readRefusal(this.access, socket.data.principal, 'runs');
    // a participant watches its own workshop's runs fill in, and no other
    if (refused && socket.data.principal?.role !== 'participant') return reply(refused);
    const parsed = subscribeSchema.safeParse(body);
    if (!parsed.success) return reply(invalid(parsed.error));
    const { runId } = parsed.data;
    if (refused && !this.access.participantRun(socket.data.principal, runId)) return reply(refused);
    await this.fanout.subscribe(
      runId,
      () => {
        socket.data.runs ??= new Set();
        socket.data.runs.add(runId);
        void socket.join(room(runId));
      },
      reply,
    );
  }

  @SubscribeMessage('run.unsubscribe')
  async unsubscribe(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() body: unknown,
    @Ack() ack: (reply: AckReply<{ runId: string }>) => void,
  ): Promise<void> {
    const reply = typeof ack === 'function' ? ack : () => undefined;
    const parsed = subscribeSchema.safeParse(body);
    if (!parsed.success) return reply(invalid(parsed.error));
    const { runId } = parsed.data;
    await socket.leave(room(runId));
    socket.data.runs?.delete(runId);
    this.fanout.released(runId);
    reply({ data: { runId } });
  }

  handleDisconnect(socket: LiveSocket): void {
    for (const runId of socket.data.runs ?? []) this.fanout.released(runId);
  }

  progress(runId: string, event: RunProgressEvent): void {
    this.server.to(room(runId)).emit('run.progress', event);
  }

  end(runId: string, name: 'run.completed' | 'run.failed' | 'run.cancelled', event: RunEndEvent): void {
    this.server.to(room(runId)).emit(name, event);
    this.logger.debug({ runId, event: name, seq: event.seq }, 'live end sent to room');
  }

  watchers(runId: string): number {
    return this.server.sockets.adapter.rooms.get(room(runId))?.size ?? 0;
  }
}
