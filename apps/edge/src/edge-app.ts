import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import Redis from 'ioredis';
import { JwtVerifier } from '@intercity/auth';
import { ProblemDetailsFilter } from '@intercity/platform';
import type { EdgeConfig } from './edge-config';
import { EdgeModule } from './edge.module';
import { serviceProxy } from './routing/service-proxy';
import { RateLimiter } from './rate-limit/rate-limiter';
import { bodySizeLimit, rateLimit, requestId } from './security/edge-guards';
import { VerifiedSubjects } from './security/request-identity';
import { problemResponder } from './security/problem-responder';

/**
 * The node's one front door: every service under /api/<service>, one OpenAPI document, one health;
 * request ids, security headers, CORS, body limits and per-identity rate limits on the way in.
 */
export async function createEdgeApp(config: EdgeConfig): Promise<INestApplication> {
  // Bodies are streamed to the services untouched, so the edge parses none.
  const app = await NestFactory.create(EdgeModule.register(config), { bodyParser: false, logger: ['error', 'warn'] });
  const redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  await redis.connect().catch(() => undefined);
  const verifier = new JwtVerifier(config.auth);

  app.use(requestId);
  app.use(
    helmet({
      // The API docs page runs Swagger UI's own scripts and styles.
      contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'connect-src': ["'self'", config.auth.issuer] } },
    }),
  );
  app.enableCors({
    origin: config.corsOrigins,
    exposedHeaders: ['ETag', 'Location', 'X-Request-Id', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', 'X-Request-Id', 'traceparent'],
  });
  app.use(rateLimit(config, new RateLimiter(redis), new VerifiedSubjects(verifier)));
  app.use(bodySizeLimit(config.maxBodyBytes));
  app.use(serviceProxy(config));
  app.use(problemResponder);
  app.useGlobalFilters(new ProblemDetailsFilter());
  SwaggerModule.setup('api/docs', app, () => ({ openapi: '3.0.0', info: { title: 'Intercity', version: '1' }, paths: {} }), {
    swaggerOptions: {
      url: '/api/openapi.json',
      persistAuthorization: true,
      // Swagger UI logs in at the node's identity provider (authorization code with PKCE).
      initOAuth: { clientId: config.docsLogin.clientId, usePkceWithAuthorizationCodeGrant: true, scopes: config.docsLogin.scopes },
    },
    jsonDocumentUrl: 'api/docs-placeholder.json',
  });
  app.enableShutdownHooks();
  // Redis goes when the HTTP server does. (Not by overriding app.close: the app Nest returns is a
  // proxy that silently ignores assignments, so the connection stayed open after close.)
  app.getHttpServer().once('close', () => redis.disconnect());
  return app;
}
