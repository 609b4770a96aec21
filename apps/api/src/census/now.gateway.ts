// socket.io edge of the Now channel (event map: libs/contracts census.ts), on the same server as
// the run gateway. `now.subscribe` joins the room `now` and answers the whole state
// (NowSnapshot: seq, latest census, 60-day series, latest forecast); afterwards the room gets
// `census.updated` and `forecast.completed`, each with the channel's next seq. Access as the
// run gateway: the handshake middleware of socket-access.ts, then readers only.
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
import type { Logger } from '@caretwin/config';
import type {
  Ack as AckReply,
  Forecast,
  NowClientToServerEvents,
  NowServerToClientEvents,
  NowSnapshot,
} from '@caretwin/contracts';
import { ForecastRepository, type Db } from '@caretwin/store';
import { AccessService } from '../access/access.service';
import type { Principal } from '../access/principal';
import { readRefusal, socketAccess } from '../access/socket-access';
import { APP_LOGGER } from '../config/config.tokens';
import { DATABASE } from '../store/store.tokens';
import { CensusService } from './census.service';
import { NowPublisher, type NowMessage, type NowSink } from './now-publisher';

interface SocketData {
  principal?: Principal;
}

type NowServer = Server<NowClientToServerEvents, NowServerToClientEvents, Record<string, never>, SocketData>;
type NowSocket = Socket<NowClientToServerEvents, NowServerToClientEvents, Record<string, never>, SocketData>;

export const NOW_ROOM = 'now';

@WebSocketGateway({ serveClient: false })
export class NowGateway implements OnGatewayInit, NowSink {
  @WebSocketServer() private server!: NowServer;
  private readonly forecasts: ForecastRepository;
  private parsedForecast: { id: string; forecast: Forecast } | undefined;

  constructor(
    private readonly census: CensusService,
    private readonly publisher: NowPublisher,
    private readonly access: AccessService,
    @Inject(DATABASE) db: Db,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {
    this.forecasts = new ForecastRepository(db);
  }

  afterInit(): void {
    this.server.use(socketAccess(this.access)); // origin and auth.token at the handshake
    this.publisher.attach(this);
  }

  @SubscribeMessage('now.subscribe')
  async subscribe(
    @ConnectedSocket() socket: NowSocket,
    @MessageBody() _body: unknown,
    @Ack() ack: (reply: AckReply<NowSnapshot>) => void,
  ): Promise<void> {
    const reply = typeof ack === 'function' ? ack : () => undefined;
    const refused = readRefusal(this.access, socket.data.principal, 'the census');
    if (refused) return reply(refused);
    try {
      // seq first: an event numbered after it may repeat what the state holds (the client
      // merges by key), but none before it is missing from the state
      const seq = await this.publisher.seq();
      const state = await this.census.nowState();
      await socket.join(NOW_ROOM);
      reply({ data: { seq, ...state, forecast: this.latestForecast() } });
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'now.subscribe failed');
      reply({
        error: {
          code: 'LIVE_UNAVAILABLE',
          message: 'the Now channel is unavailable (Redis did not answer); subscribe again shortly',
        },
      });
    }
  }

  @SubscribeMessage('now.unsubscribe')
  async unsubscribe(
    @ConnectedSocket() socket: NowSocket,
    @Ack() ack: (reply: AckReply<Record<string, never>>) => void,
  ): Promise<void> {
    await socket.leave(NOW_ROOM);
    if (typeof ack === 'function') ack({ data: {} });
  }

  /** What the channel carried (from any api instance): to this instance's subscribers. */
  emit(message: NowMessage): void {
    if (message.event === 'census.updated') {
      this.census.forgetSnapshot();
      this.server.to(NOW_ROOM).emit('census.updated', message.payload);
    } else this.server.to(NOW_ROOM).emit('forecast.completed', message.payload);
  }

  /** The latest forecast, parsed once per forecast (a burst of subscribers reads the same one). */
  private latestForecast(): Forecast | null {
    const record = this.forecasts.latest();
    if (!record) return null;
    if (this.parsedForecast?.id !== record.id)
      this.parsedForecast = { id: record.id, forecast: JSON.parse(record.json) as Forecast };
    return this.parsedForecast.forecast;
  }
}
