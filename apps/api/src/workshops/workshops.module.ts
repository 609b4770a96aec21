// Planning workshops as one capability (issue 19, docs/workshops.md): the REST endpoints, the
// socket gateway and its cross-instance fan-out, and the watcher that announces variant runs.
// `queue` is the app's QueueModule (Redis: the fan-out), `runs` its RunsModule (runs, results);
// RegionsModule gives the boundaries a participant's map draws.
import { Module, type DynamicModule } from '@nestjs/common';
import { RegionsModule } from '../regions/regions.module';
import { WorkshopPublisher } from './workshop-publisher';
import { WorkshopWatcher } from './workshop-watcher';
import { WorkshopsController } from './workshops.controller';
import { WorkshopsGateway } from './workshops.gateway';
import { WorkshopsService } from './workshops.service';

@Module({})
export class WorkshopsModule {
  static forRoot(queue: DynamicModule, runs: DynamicModule): DynamicModule {
    return {
      module: WorkshopsModule,
      imports: [queue, runs, RegionsModule],
      controllers: [WorkshopsController],
      providers: [WorkshopPublisher, WorkshopsService, WorkshopsGateway, WorkshopWatcher],
    };
  }
}
