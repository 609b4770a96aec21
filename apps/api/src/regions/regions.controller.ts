import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorResponses } from '../http/openapi';
import { RegionsService, type RegionListing, type RegionView } from './regions.service';
import { AllowReaders } from '../access/access.decorators';

@ApiTags('regions')
@AllowReaders()
@Controller('api/regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Get()
  @ApiOperation({ summary: 'Regions with data: {items: [{id, name}]}' })
  list(): { items: RegionListing[] } {
    return { items: this.regions.list() };
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'The resolved region: areas, municipalities, hospitals, ambulance bases, provenance, synthetic / estimated inputs',
  })
  @ErrorResponses(404)
  get(@Param('id') id: string): RegionView {
    return this.regions.get(id);
  }
}
