import { Controller, Get, Param } from '@nestjs/common';
import { RegionsService } from './regions.service';

@Controller('api/regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Get()
  list() {
    return { items: this.regions.list() };
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.regions.get(id);
  }
}
