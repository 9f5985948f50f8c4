import { CanActivate, Controller, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope, MemberJoined, MemberStateV1, MemberUpdated } from '@intercity/contracts';
import { RuleViolation } from '@intercity/domain';
import { COPY_ONLY, type JetStreamContext } from '@intercity/messaging';
import { SERVICE_CONFIG, ServiceConfig } from '@intercity/platform';

/**
 * Where a city's expenditure reports are written (ARCHITECTURE §6, libs/contracts homes.ts): on
 * the node its member record names, which is the hub for a city without a node of its own. A
 * standalone node is home to everything. Everything else of grants is written at the hub.
 */
@Injectable()
export class ReportHomes {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly db: DataSource,
  ) {}

  /**
   * Refuses with 409 `node.home`, naming the home, when this node is not the city's. A member
   * whose home this node has not heard of is taken to be homed at the hub, every aggregate's home
   * unless the member names another.
   */
  async assertHomedHere(memberId: string, m: EntityManager = this.db.manager): Promise<void> {
    if (this.config.FEDERATION_ROLE === 'standalone') return;
    const [row]: { home_node_id: string }[] = await m.query(`SELECT home_node_id FROM member_homes WHERE id = $1`, [memberId]);
    const home = row?.home_node_id ?? this.config.HUB_NODE_ID;
    const here = this.config.FEDERATION_ROLE === 'hub' ? [this.config.NODE_ID, this.config.HUB_NODE_ID] : [this.config.NODE_ID];
    if (here.includes(home)) return;
    throw homeElsewhere(home, `member ${memberId}'s expenditure reports are written on node ${home}, not on ${this.config.NODE_ID}`, this.config);
  }
}

function homeElsewhere(nodeId: string, why: string, config: ServiceConfig): RuleViolation {
  const baseUrl = nodeId === config.HUB_NODE_ID ? (config.HUB_BASE_URL ?? null) : null;
  const v = RuleViolation.conflict('node.home', baseUrl ? `${why}: send it to ${baseUrl}` : why);
  v.details = { homeNode: { id: nodeId, baseUrl } };
  return v;
}

const CITY_HOMED_ROUTE = 'grants:city-homed-route';

/** A write route whose aggregate may be homed at a city: the service checks the city's home. */
export const CityHomedRoute = () => SetMetadata(CITY_HOMED_ROUTE, true);

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * On a city node, grants writes only its city's expenditure reports (routes marked
 * `CityHomedRoute`); every other write is the hub's, refused with 409 naming it and its base URL.
 */
@Injectable()
export class HubHomedGrantsWrites implements CanActivate {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http' || this.config.FEDERATION_ROLE !== 'city') return true;
    if (READS.has(context.switchToHttp().getRequest<{ method: string }>().method)) return true;
    if (this.reflector.get<boolean>(CITY_HOMED_ROUTE, context.getHandler())) return true;
    throw homeElsewhere(this.config.HUB_NODE_ID, `${this.config.SERVICE} writes other than a city's expenditure reports are made at the hub (${this.config.HUB_NODE_ID}), not on ${this.config.NODE_ID}`, this.config);
  }
}

/** Each member's home node, from membership's member events (beside the directory's copy). */
@Controller()
export class MemberHomesConsumer {
  @EventPattern([MemberJoined.type, MemberUpdated.type], COPY_ONLY)
  memberChanged(@Payload() { aggregate, data }: EventEnvelope<MemberStateV1>, @Ctx() ctx: JetStreamContext) {
    ctx.copies.stage({ table: 'member_homes', id: aggregate.id, version: aggregate.version, values: { home_node_id: data.homeNodeId } });
  }
}
