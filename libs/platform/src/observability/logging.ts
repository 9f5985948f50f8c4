import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { CallContexts } from '@intercity/persistence';
import type { ServiceConfig } from '../config';

/**
 * JSON logs with the request id and correlation id on every line. Tokens, cookies and personal
 * data are never written.
 */
export function loggerOptions(config: ServiceConfig): Params {
  return {
    // Every route, in the path syntax of Nest 11 (nestjs-pino's default `*` draws a deprecation warning at each start).
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.LOG_LEVEL,
      base: { service: config.SERVICE, node: config.NODE_ID },
      genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? '',
      customProps: () => ({ correlationId: CallContexts.current().correlationId }),
      autoLogging: { ignore: (req: IncomingMessage) => /^\/(health|metrics)/.test(req.url ?? '') },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          '*.email',
          '*.givenName',
          '*.familyName',
          '*.password',
          '*.token',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactQuery(req.url) }),
      },
    },
  };
}

const PERSONAL_QUERY = /([?&](?:email|givenName|familyName|name)=)[^&]*/gi;

/** A list filtered by e-mail would otherwise write the address into every log line of the request. */
export function redactQuery(url: string): string {
  return url.replace(PERSONAL_QUERY, '$1[redacted]');
}
