import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { scenarioSchema, type ScenarioListing } from '@caretwin/scenario';
import type { Request } from 'express';
import { Allow, AllowReaders } from '../access/access.decorators';
import { ErrorResponses, ZodBody } from '../http/openapi';
import { RateLimited } from '../limits/rate-limit';
import { scenarioInputPipe, type ScenarioInput } from './scenario-input';
import {
  ScenariosService,
  type SavedScenarioView,
  type ScenarioView,
  type ValidationView,
} from './scenarios.service';

const ScenarioBody = ZodBody(
  scenarioSchema,
  'a scenario as JSON, or the same as YAML text (Content-Type: application/yaml)',
);

@ApiTags('scenarios')
@ApiBearerAuth()
@AllowReaders()
@Controller('api/scenarios')
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Get()
  @ApiOperation({ summary: 'Shipped and saved scenarios' })
  @ApiResponse({ status: 200, description: '{items: [{id, source, version?, name, file}]}' })
  list(): { items: ScenarioListing[] } {
    return { items: this.scenarios.list() };
  }

  @Post('validate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Validate a scenario; answers it resolved, its region and the static bed need' })
  @ApiConsumes('application/json', 'application/yaml')
  @ScenarioBody
  @ApiResponse({ status: 200, description: '{valid, scenario, region, staticNeed}' })
  @ErrorResponses(400, 413, 422, 429)
  @RateLimited('validations')
  validate(@Body(scenarioInputPipe) body: ScenarioInput): Promise<ValidationView> {
    return this.scenarios.validate(body);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'One scenario (id or id@version): its text, the resolved scenario (or its error), saved versions',
  })
  @ApiParam({ name: 'id', description: 'scenario id, optionally id@version' })
  @ErrorResponses(404)
  get(@Param('id') id: string): Promise<ScenarioView> {
    return this.scenarios.get(id);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Save a new version of a scenario with an id (not a shipped id)' })
  @ApiConsumes('application/json', 'application/yaml')
  @ScenarioBody
  @ApiResponse({ status: 201, description: '{id, version, scenario}' })
  @ErrorResponses(400, 413, 422)
  @Allow('planner')
  save(@Body(scenarioInputPipe) body: ScenarioInput, @Req() req: Request): Promise<SavedScenarioView> {
    return this.scenarios.save(body, req.principal);
  }
}
