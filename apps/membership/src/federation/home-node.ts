import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RuleViolation } from '@intercity/domain';
import { SERVICE_CONFIG, ServiceConfig } from '@intercity/platform';

/**
 * Writes go to the aggregate's home node (ARCHITECTURE §6). A node that is not the home refuses
 * with 409, naming the home and its base URL, so a client can send the write there. A standalone
 * node is home to everything.
 */
@Injectable()
export class HomeNodes {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly db: DataSource,
  ) {}

  /** Networks, projects, members, participations and nodes are written at the hub. */
  async assertHubHere(what: string): Promise<void> {
    if (this.config.FEDERATION_ROLE !== 'city') return;
    throw await this.notHome(this.config.HUB_NODE_ID, `${what} is written at the hub`);
  }

  /** A person is written on the node their city's member record names. */
  async assertMemberHomedHere(member: { id: string; homeNodeId: string }, m: EntityManager = this.db.manager): Promise<void> {
    if (this.config.FEDERATION_ROLE === 'standalone' || member.homeNodeId === this.config.NODE_ID) return;
    throw await this.notHome(member.homeNodeId, `member ${member.id}'s people are written on node ${member.homeNodeId}`, m);
  }

  private async notHome(nodeId: string, why: string, m: EntityManager = this.db.manager): Promise<RuleViolation> {
    const [node] = (await m.query('SELECT id, base_url FROM nodes WHERE id = $1', [nodeId])) as { id: string; base_url: string }[];
    const v = RuleViolation.conflict('node.home', `${why}, not on ${this.config.NODE_ID}: send it to ${node?.base_url ?? `node ${nodeId}`}`);
    v.details = { homeNode: { id: nodeId, baseUrl: node?.base_url ?? null } };
    return v;
  }
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** On a city node, refuses every write to a controller whose aggregates are homed at the hub. */
@Injectable()
export class HubHomedWrites implements CanActivate {
  constructor(private readonly homes: HomeNodes) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<{ method: string; path: string }>();
    if (!READS.has(req.method)) await this.homes.assertHubHere(`${req.method} ${req.path}`);
    return true;
  }
}
