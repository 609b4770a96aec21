import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ErrorResponses } from '../http/openapi';
import { RegionsService, type RegionListing, type RegionView } from './regions.service';
import { AllowReaders } from '../access/access.decorators';
import { RegionBoundariesService, sendBoundaries } from './region-boundaries.service';

@ApiTags('regions')
@AllowReaders()
@Controller('api/regions')
export class RegionsController {
  constructor(
    private readonly regions: RegionsService,
    private readonly boundaries: RegionBoundariesService,
  ) {}

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

  @Get(':id/boundaries')
  @ApiOperation({
    summary:
      "Municipal boundaries for the region's map: GeoJSON FeatureCollection (RegionBoundaries) with each municipality's area and the credit line to show",
  })
  @ApiProduces('application/geo+json')
  @ApiResponse({ status: 200, description: 'RegionBoundaries; ETag, cached an hour (304 on If-None-Match)' })
  @ErrorResponses(404)
  getBoundaries(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    sendBoundaries(this.boundaries.get(id), req, res);
  }
}
