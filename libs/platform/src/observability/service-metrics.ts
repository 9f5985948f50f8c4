import { collectDefaultMetrics, Gauge, Histogram, register } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { NextFunction, Request, Response } from 'express';

let installed = false;

/**
 * Process, HTTP and outbox figures for one service. The outbox gauges are read from PostgreSQL at
 * scrape time, so they are right whichever replica leads the relay.
 */
export function installServiceMetrics(service: string, dataSource: DataSource): (req: Request, res: Response, next: NextFunction) => void {
  const http = (register.getSingleMetric('intercity_http_request_seconds') as Histogram | undefined) ??
    new Histogram({
      name: 'intercity_http_request_seconds',
      help: 'HTTP requests by route and status',
      labelNames: ['service', 'method', 'route', 'status'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    });
  if (!installed) {
    installed = true;
    collectDefaultMetrics({ labels: { service } });
    new Gauge({
      name: 'intercity_outbox_backlog',
      help: 'Outbox rows not yet published',
      labelNames: ['service'],
      async collect() {
        const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`).catch(() => [{ n: -1 }]);
        this.set({ service }, row.n);
      },
    });
    new Gauge({
      name: 'intercity_outbox_oldest_unsent_seconds',
      help: 'Age of the oldest outbox row not yet published (0 when none)',
      labelNames: ['service'],
      async collect() {
        const [row] = await dataSource
          .query(`SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS age FROM outbox WHERE sent_at IS NULL`)
          .catch(() => [{ age: -1 }]);
        this.set({ service }, Number(row.age));
      },
    });
  }
  return (req, res, next) => {
    const end = http.startTimer({ service, method: req.method });
    res.on('finish', () => end({ route: req.route?.path ?? 'unmatched', status: String(res.statusCode) }));
    next();
  };
}
