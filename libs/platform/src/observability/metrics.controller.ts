import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { register } from 'prom-client';
import { Access } from '@intercity/auth';

@ApiExcludeController()
// Scraped by Prometheus from inside the node; the edge does not route /metrics.
@Access.public('scraped by Prometheus inside the node')
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
