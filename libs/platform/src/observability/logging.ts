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
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      },
    },
  };
}
