import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ApplicationConfig, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { RoutePathFactory } from '@nestjs/core/router/route-path-factory';
import { ACCESS_METADATA, AccessDeclaration } from '@intercity/auth';

export interface AppRoute {
  /** `PATCH /api/membership/members/:id`: the method and the path as the router serves it. */
  key: string;
  method: string;
  path: string;
  /** `MemberController.update` */
  handler: string;
  access?: AccessDeclaration;
}

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [''] : Array.isArray(v) ? v : [v]);

/**
 * Every HTTP route of a running Nest app, read from the controllers' own metadata and joined into
 * paths by Nest's own path factory, so the global prefix and its exclusions apply as they do when
 * the router registers the routes.
 */
export function routesOf(app: INestApplication): AppRoute[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  // Nest keeps the global prefix on the application, not in a provider; @nestjs/swagger reads it the same way.
  const config = (app as unknown as { config: ApplicationConfig }).config;
  const paths = new RoutePathFactory(config);
  const routes: AppRoute[] = [];
  for (const { instance, metatype } of discovery.getControllers()) {
    if (!instance || !metatype) continue;
    const proto = Object.getPrototypeOf(instance) as Record<string, () => unknown>;
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name];
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (requestMethod === undefined || methodPath === undefined) continue;
      const method = RequestMethod[requestMethod];
      const access = reflector.getAllAndOverride<AccessDeclaration | undefined>(ACCESS_METADATA, [handler, metatype]);
      for (const ctrlPath of asList(Reflect.getMetadata(PATH_METADATA, metatype) as string | string[] | undefined)) {
        for (const mp of asList(methodPath)) {
          for (const path of paths.create({ ctrlPath, methodPath: mp, globalPrefix: config.getGlobalPrefix() }, requestMethod)) {
            routes.push({ key: `${method} ${path}`, method, path, handler: `${metatype.name}.${name}`, access });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

export const MUTATING_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** `/api/membership/members/:id` with `{ id }` filled in; a parameter left over is an error in the spec. */
export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`no value for :${name} in ${path}`);
    return encodeURIComponent(params[name]);
  });
}

export const isMutating = (r: AppRoute): boolean => MUTATING_METHODS.includes(r.method);
export const isReadNeedingToken = (r: AppRoute): boolean => !isMutating(r) && r.access?.kind !== 'public';

/**
 * How an authorization table covers the routes an app serves: the served routes it has no entry
 * for (a route added without deciding who may call it), and the entries no route answers any more.
 */
export function tableCoverage(routes: AppRoute[], listed: string[], which: (r: AppRoute) => boolean) {
  const served = routes.filter(which).map((r) => r.key);
  return { withoutEntry: served.filter((k) => !listed.includes(k)), noLongerServed: listed.filter((k) => !served.includes(k)) };
}
