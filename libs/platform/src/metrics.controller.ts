import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { Public } from '@ws/kernel';
import { ProjectionsService } from './projections.service';
import { METRICS_REGISTRY } from './tokens';

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    private readonly projections: ProjectionsService,
  ) {}

  @Get()
  @Public()
  @Header('content-type', 'text/plain; version=0.0.4')
  async metrics(): Promise<string> {
    await this.projections.lags(); // refreshes the lag gauges
    return this.registry.metrics();
  }
}
