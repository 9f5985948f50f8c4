import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Response } from 'supertest';
import { testInfra } from '@intercity/testing';
import { createEdgeApp } from '../../src/edge-app';
import { loadEdgeConfig } from '../../src/edge-config';

export interface RunningEdge {
  app: INestApplication;
  /** The node's one base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Requests to the edge, over a real socket. */
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

/** The edge as `main.ts` builds it (configuration from environment variables), listening on a free loopback port. */
export async function startEdge(env: Record<string, string>): Promise<RunningEdge> {
  const app = await createEdgeApp(loadEdgeConfig({ REDIS_URL: testInfra().redisUrl, ...env, PORT: '0', HOST: '127.0.0.1' }));
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return { app, url, http: () => request(url), close: () => app.close() };
}

/** The reply is an RFC 9457 problem with this status (and rule, when given). */
export function expectProblem(res: Response, status: number, rule?: string): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { status, ...(rule && { rule }) } });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
}
