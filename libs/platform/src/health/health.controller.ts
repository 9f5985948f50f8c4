import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { NatsConnection } from '@nats-io/transport-node';
import type Redis from 'ioredis';
import { Access } from '@intercity/auth';
import { NATS_CONNECTION, REDIS_CLIENT } from '../tokens';

type Check = { name: string; ok: boolean; detail?: string };

async function timed(name: string, probe: () => Promise<unknown>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no answer within 2 s')), 2_000))),
    ]);
    return { name, ok: true };
  } catch (e) {
    return { name, ok: false, detail: (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** Liveness says the process answers; readiness says it can do its job (its PostgreSQL, NATS and Redis answer). */
@ApiExcludeController()
@Access.public('orchestrators and the edge probe it without a token')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  @Get('live')
  @HttpCode(200)
  live() {
    return { status: 'up' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    const checks = await Promise.all([
      timed('postgres', () => this.dataSource.query('SELECT 1')),
      timed('nats', async () => {
        if (this.nats.isClosed()) throw new Error('connection closed');
        await this.nats.flush();
      }),
      timed('redis', () => this.redis.ping()),
    ]);
    const ready = checks.every((c) => c.ok);
    res.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not ready', checks };
  }
}
