import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EDGE_CONFIG } from '../tokens';
import type { EdgeConfig } from '../edge-config';

/** Ready only when every service behind the edge is ready; says which is not. */
@Controller('health')
export class EdgeHealthController {
  constructor(@Inject(EDGE_CONFIG) private readonly config: EdgeConfig) {}

  @Get('live')
  live() {
    return { status: 'up' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    const services = await Promise.all(
      Object.entries(this.config.upstreams).map(async ([name, url]) => {
        try {
          const r = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(3_000) });
          const body = (await r.json().catch(() => ({}))) as { checks?: unknown };
          return { name, ready: r.ok, checks: body.checks };
        } catch (e) {
          return { name, ready: false, detail: `not reachable at ${url}: ${(e as Error).message}` };
        }
      }),
    );
    const ready = services.every((s) => s.ready);
    res.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not ready', services };
  }
}
