import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ProblemException } from '@intercity/platform';
import type { EdgeConfig, ServiceName } from '../edge-config';
import { requestBody } from '../security/edge-guards';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host']);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** `/api/<service>/...` goes to that service unchanged; the edge adds the request id it logs by. */
export function serviceProxy(config: EdgeConfig) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const service = /^\/api\/([a-z-]+)(\/|$)/.exec(req.originalUrl)?.[1] as ServiceName | undefined;
    // Own properties only: `/api/constructor/` must not find Object.prototype.constructor.
    const upstream = service && Object.hasOwn(config.upstreams, service) ? config.upstreams[service] : undefined;
    if (!upstream) return next();
    const requestId = req.header('x-request-id') ?? randomUUID();
    const headers: http.OutgoingHttpHeaders = { 'x-request-id': requestId, 'x-forwarded-for': req.socket.remoteAddress, 'x-forwarded-host': req.headers.host };
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined && !(k in headers)) headers[k] = v;
    const target = new URL(req.originalUrl, upstream);
    const outbound = http.request(target, { method: req.method, headers, agent }, (upstreamRes) => {
      const out: http.OutgoingHttpHeaders = {};
      // The service's framework is nobody's business outside the node.
    for (const [k, v] of Object.entries(upstreamRes.headers)) if (!HOP_BY_HOP.has(k) && k !== 'x-powered-by' && v !== undefined) out[k] = v;
      res.writeHead(upstreamRes.statusCode ?? 502, out);
      upstreamRes.pipe(res);
    });
    let failed = false;
    const fail = (problem: ProblemException) => {
      if (failed) return;
      failed = true;
      outbound.destroy();
      if (res.headersSent) return void res.destroy(problem);
      // What is left of the request body is not read: the connection closes after the answer.
      res.setHeader('Connection', 'close');
      next(problem);
    };
    outbound.on('error', (e) => {
      fail(new ProblemException(503, { rule: 'edge.upstream', detail: `the ${service} service is not reachable (${(e as Error).message})` }));
    });
    const body = requestBody(req, res);
    body.on('error', (e) => fail(e instanceof ProblemException ? e : new ProblemException(400, { detail: `the request body could not be read (${e.message})` })));
    body.pipe(outbound);
  };
}
