// The live census twin's api part: POST/GET /api/census, the Now channel (socket.io gateway and
// its publisher), and CensusEvents for whoever starts forecasts. `queue` is the app's
// QueueModule (its Redis client: the Now channel's seq, cache and pub/sub).
import { Module, type DynamicModule } from '@nestjs/common';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { CensusController } from './census.controller';
import { CensusEvents } from './census-events';
import { CensusService } from './census.service';
import { NowGateway } from './now.gateway';
import { NowPublisher } from './now-publisher';

@Module({})
export class CensusModule {
  static forRoot(queue: DynamicModule): DynamicModule {
    return {
      module: CensusModule,
      global: true, // the forecasts module (and any other) injects CensusEvents, NowPublisher, CensusService
      imports: [queue, ScenariosModule],
      controllers: [CensusController],
      providers: [CensusEvents, NowPublisher, CensusService, NowGateway],
      exports: [CensusEvents, NowPublisher, CensusService],
    };
  }
}
