import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { scenarioInputOf } from './scenario-input';
import { ScenariosService } from './scenarios.service';

@Controller('api/scenarios')
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Get()
  list() {
    return { items: this.scenarios.list() };
  }

  @Post('validate')
  @HttpCode(200)
  validate(@Body() body: unknown) {
    return this.scenarios.validate(scenarioInputOf(body));
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.scenarios.get(id);
  }

  @Post()
  @HttpCode(201)
  save(@Body() body: unknown) {
    return this.scenarios.save(scenarioInputOf(body));
  }
}
