// socket.io edge of workshops (event map: libs/contracts workshop.ts), on the same server as the
// run and Now gateways. `workshop.subscribe` {workshopId} joins the room of that workshop and
// answers the whole state (WorkshopSnapshot at its seq); afterwards the room gets every
// `workshop.event` with the workshop's next seq and `prev`. Readers may watch any workshop; a
// participant socket (auth.token = its participant token) only its own, and only while it is
// open: when it closes, its participant sockets are disconnected after the closing event.
import { Inject } from '@nestjs/common';
import {
  Ack,
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { Logger } from '@caretwin/config';
import type {
  Ack as AckReply,
  WorkshopClientToServerEvents,
  WorkshopEvent,
  WorkshopServerToClientEvents,
  WorkshopSnapshot,
} from '@caretwin/contracts';
import { AccessService } from '../access/access.service';
import { closesWithWorkshop, type Principal } from '../access/principal';
import { socketAccess } from '../access/socket-access';
import { APP_LOGGER } from '../config/config.tokens';
import { ApiError } from '../errors/api-error';
import { WorkshopPublisher, type WorkshopSink } from './workshop-publisher';
import { WorkshopsService } from './workshops.service';

interface SocketData {
  principal?: Principal;
}

type WorkshopServer = Server<
  WorkshopClientToServerEvents,
  WorkshopServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type WorkshopSocket = Socket<
  WorkshopClientToServerEvents,
  WorkshopServerToClientEvents,
  Record<string, never>,
  SocketData
>;

const room = (workshopId: string): string => `workshop:${workshopId}`;
const payloadSchema = z.object({ workshopId: z.string().min(1).max(200) }).strict();

/** The dashboard's origin as the socket's handshake saw it (for the join link). */
const originOf = (socket: WorkshopSocket): string => {
  const headers = socket.handshake.headers;
  const proto = headers['x-forwarded-proto'] === 'https' || socket.handshake.secure ? 'https' : 'http';
  return `${proto}://${headers.host ?? 'localhost'}`;
};

@WebSocketGateway({ serveClient: false })
export class WorkshopsGateway implements OnGatewayInit, WorkshopSink {
  @WebSocketServer() private server!: WorkshopServer;

  constructor(
    private readonly workshops: WorkshopsService,
    private readonly publisher: WorkshopPublisher,
    private readonly access: AccessService,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  afterInit(): void {
    this.server.use(socketAccess(this.access)); // origin and auth.token at the handshake
    this.publisher.attach(this);
  }

  @SubscribeMessage('workshop.subscribe')
  async subscribe(
    @ConnectedSocket() socket: WorkshopSocket,
    @MessageBody() body: unknown,
    @Ack() ack: (reply: AckReply<WorkshopSnapshot>) => void,
  ): Promise<void> {
    const reply = typeof ack === 'function' ? ack : () => undefined;
    const parsed = payloadSchema.safeParse(body);
    if (!parsed.success)
      return reply({
        error: { code: 'REQUEST_INVALID', message: 'payload is invalid: expected {workshopId}' },
      });
    const { workshopId } = parsed.data;
    const refused = this.workshops.watchRefusal(socket.data.principal, workshopId);
    if (refused) return reply(refused);
    try {
      // join first: an event stored after the snapshot's seq is then sure to reach this socket
      await socket.join(room(workshopId));
      reply({ data: this.workshops.snapshot(workshopId, socket.data.principal, originOf(socket)) });
    } catch (error) {
      await socket.leave(room(workshopId));
      if (error instanceof ApiError) return reply({ error: { code: error.code, message: error.message } });
      this.logger.warn({ err: (error as Error).message, workshopId }, 'workshop.subscribe failed');
      reply({
        error: { code: 'INTERNAL', message: 'the workshop could not be read; subscribe again shortly' },
      });
    }
  }

  @SubscribeMessage('workshop.unsubscribe')
  async unsubscribe(
    @ConnectedSocket() socket: WorkshopSocket,
    @MessageBody() body: unknown,
    @Ack() ack: (reply: AckReply<{ workshopId: string }>) => void,
  ): Promise<void> {
    const reply = typeof ack === 'function' ? ack : () => undefined;
    const parsed = payloadSchema.safeParse(body);
    if (!parsed.success)
      return reply({
        error: { code: 'REQUEST_INVALID', message: 'payload is invalid: expected {workshopId}' },
      });
    await socket.leave(room(parsed.data.workshopId));
    reply({ data: { workshopId: parsed.data.workshopId } });
  }

  /**
   * What the channel carried (from any api instance): to this instance's subscribers of that
   * workshop. On `workshop.closed` the participant tokens have expired, so this instance's
   * participant sockets are let go once the event is out (sockets keep the principal of their
   * handshake; a reconnect is refused like any request with the token).
   */
  emit(event: WorkshopEvent): void {
    this.server.to(room(event.workshopId)).emit('workshop.event', event);
    if (event.type === 'workshop.closed') this.dropParticipants(event.workshopId);
  }

  private dropParticipants(workshopId: string): void {
    for (const socket of this.server.of('/').sockets.values())
      if (closesWithWorkshop(socket.data.principal) && socket.data.principal?.workshopId === workshopId)
        socket.disconnect(true);
  }
}
