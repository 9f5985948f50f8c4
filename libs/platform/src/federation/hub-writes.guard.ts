import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { writesOnlyAtHub } from '@intercity/contracts';
import { RuleViolation } from '@intercity/domain';
import { SERVICE_CONFIG } from '../tokens';
import type { ServiceConfig } from '../config';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * On a city node, a service whose aggregates are all written at the hub (ARCHITECTURE §6) refuses
 * writes with 409, naming the hub and its base URL, rather than writing data the hub's gate would
 * refuse and leaving the city out of step with the network. It still serves reads of what it
 * holds there: copies of membership's data, and practice's and exchanges' copies of their own
 * aggregates as the hub wrote them (`src/hub-copies` in each), which their GET routes answer from.
 * A service that writes some aggregates on a city (membership its people, grants a city's
 * expenditure reports) decides per route instead.
 */
@Injectable()
export class HubWritesGuard implements CanActivate {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http' || this.config.FEDERATION_ROLE !== 'city' || !writesOnlyAtHub(this.config.SERVICE)) return true;
    const req = context.switchToHttp().getRequest<{ method: string }>();
    if (READS.has(req.method)) return true;
    const v = RuleViolation.conflict(
      'node.home',
      `${this.config.SERVICE} writes are made at the hub (${this.config.HUB_NODE_ID}), not on ${this.config.NODE_ID}` +
        (this.config.HUB_BASE_URL ? `: send it to ${this.config.HUB_BASE_URL}` : ''),
    );
    v.details = { homeNode: { id: this.config.HUB_NODE_ID, baseUrl: this.config.HUB_BASE_URL ?? null } };
    throw v;
  }
}
