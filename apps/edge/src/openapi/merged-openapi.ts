import type { OpenAPIObject } from '@nestjs/swagger';
import type { EdgeConfig } from '../edge-config';

/**
 * One OpenAPI document for the node: each service's paths (already under /api/<service>) and
 * schemas, merged. Read fresh from the services, so it never lags behind what they serve.
 */
export async function mergedOpenApi(config: EdgeConfig): Promise<OpenAPIObject> {
  const merged: OpenAPIObject = {
    openapi: '3.0.0',
    info: { title: 'Intercity node API', version: '1', description: 'Every service of this node, behind one base URL.' },
    paths: {},
    components: {
      schemas: {},
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from the node\'s identity provider' },
        oidc: { type: 'openIdConnect', openIdConnectUrl: `${config.auth.issuer}/.well-known/openid-configuration` },
      },
    },
    security: [{ bearer: [] }, { oidc: ['api'] }],
    tags: [],
  };
  for (const [service, url] of Object.entries(config.upstreams)) {
    const res = await fetch(`${url}/api/${service}/openapi.json`).catch(() => undefined);
    if (!res?.ok) continue;
    const doc = (await res.json()) as OpenAPIObject;
    Object.assign(merged.paths, doc.paths);
    Object.assign(merged.components!.schemas!, doc.components?.schemas ?? {});
    merged.tags!.push(...(doc.tags ?? []));
  }
  return merged;
}
