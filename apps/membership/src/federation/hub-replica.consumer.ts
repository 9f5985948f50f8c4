import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';
import {
  EventEnvelope,
  MemberJoined,
  MemberLeft,
  MemberLeftV1,
  MemberStateV1,
  MemberUpdated,
  NetworkCreated,
  NetworkStateV1,
  NetworkUpdated,
  NodeRegistered,
  NodeRegisteredV1,
  ParticipationAssigned,
  ParticipationChanged,
  ParticipationEnded,
  ParticipationStateV1,
  ProjectCreated,
  ProjectStateV1,
  ProjectUpdated,
} from '@intercity/contracts';
import type { JetStreamContext } from '@intercity/messaging';

type Row = Record<string, unknown>;

/**
 * On a city node, membership holds the city's own people and copies of what the hub writes
 * (nodes, networks, projects, members, participations), so its people are registered against
 * the same members and checked by the same rules while the hub is out of reach. The copies take
 * the hub's state as it is: the newest version wins, a stale or repeated event changes nothing.
 */
@Controller()
export class HubReplicaConsumer {
  @EventPattern(NodeRegistered.type)
  node(@Payload() e: EventEnvelope<NodeRegisteredV1>, @Ctx() ctx: JetStreamContext) {
    const d = e.data;
    return upsert(ctx.uow.manager, 'nodes', e, { name: d.name, base_url: d.baseUrl, hub: d.hub, jetstream_domain: d.jetstreamDomain ?? null });
  }

  @EventPattern(NetworkCreated.type)
  networkCreated(@Payload() e: EventEnvelope<NetworkStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.network(e, ctx);
  }

  @EventPattern(NetworkUpdated.type)
  networkUpdated(@Payload() e: EventEnvelope<NetworkStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.network(e, ctx);
  }

  @EventPattern(ProjectCreated.type)
  projectCreated(@Payload() e: EventEnvelope<ProjectStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.project(e, ctx);
  }

  @EventPattern(ProjectUpdated.type)
  projectUpdated(@Payload() e: EventEnvelope<ProjectStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.project(e, ctx);
  }

  @EventPattern(MemberJoined.type)
  memberJoined(@Payload() e: EventEnvelope<MemberStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.member(e, ctx);
  }

  @EventPattern(MemberUpdated.type)
  memberUpdated(@Payload() e: EventEnvelope<MemberStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.member(e, ctx);
  }

  @EventPattern(MemberLeft.type)
  async memberLeft(@Payload() e: EventEnvelope<MemberLeftV1>, @Ctx() ctx: JetStreamContext) {
    await ctx.uow.manager.query(
      `UPDATE members SET left_on = $2, leave_reason = $3, version = $4, updated_at = $5 WHERE id = $1 AND version < $4`,
      [e.aggregate.id, e.data.leftOn, e.data.reason ?? null, e.aggregate.version, e.occurredAt],
    );
  }

  @EventPattern(ParticipationAssigned.type)
  participationAssigned(@Payload() e: EventEnvelope<ParticipationStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.participation(e, ctx);
  }

  @EventPattern(ParticipationChanged.type)
  participationChanged(@Payload() e: EventEnvelope<ParticipationStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.participation(e, ctx);
  }

  @EventPattern(ParticipationEnded.type)
  participationEnded(@Payload() e: EventEnvelope<ParticipationStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.participation(e, ctx);
  }

  private network(e: EventEnvelope<NetworkStateV1>, ctx: JetStreamContext) {
    const d = e.data;
    return upsert(ctx.uow.manager, 'networks', e, { slug: d.slug, name: d.name, description: d.description ?? null });
  }

  private project(e: EventEnvelope<ProjectStateV1>, ctx: JetStreamContext) {
    const d = e.data;
    return upsert(ctx.uow.manager, 'projects', e, {
      network_id: d.networkId,
      code: d.code,
      name: d.name,
      programme: d.programme ?? null,
      starts_on: d.startsOn,
      ends_on: d.endsOn,
      status: d.status,
    });
  }

  private member(e: EventEnvelope<MemberStateV1>, ctx: JetStreamContext) {
    const d = e.data;
    return upsert(ctx.uow.manager, 'members', e, {
      network_id: d.networkId,
      slug: d.slug,
      kind: d.kind,
      name: d.name,
      legal_name: d.legalName,
      country: d.country,
      region: d.region ?? null,
      time_zone: d.timeZone,
      languages: d.languages,
      home_node_id: d.homeNodeId,
    });
  }

  private async participation(e: EventEnvelope<ParticipationStateV1>, ctx: JetStreamContext) {
    const d = e.data;
    const [project] = (await ctx.uow.manager.query('SELECT network_id FROM projects WHERE id = $1', [d.projectId])) as { network_id: string }[];
    // The hub publishes a project before its participations, in one stream: a missing one is a
    // gap worth retrying, not a participation to drop.
    if (!project) throw new Error(`project ${d.projectId} of participation ${d.participationId} has not arrived`);
    return upsert(ctx.uow.manager, 'participations', e, {
      network_id: project.network_id,
      project_id: d.projectId,
      member_id: d.memberId,
      role: d.role,
      experience_level: d.experienceLevel ?? null,
      from_date: d.from,
      to_date: d.to ?? null,
      ended_on: d.endedOn ?? null,
    });
  }
}

/** Inserts the hub's state, or replaces an older copy of it; a copy as new or newer stays. */
async function upsert(m: EntityManager, table: string, e: EventEnvelope<object>, values: Row): Promise<void> {
  const columns = Object.keys(values);
  const names = ['id', ...columns, 'version', 'created_at', 'updated_at'];
  const params = [e.aggregate.id, ...columns.map((c) => values[c]), e.aggregate.version, e.occurredAt, e.occurredAt];
  const updates = [...columns, 'version', 'updated_at'].map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  await m.query(
    `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${updates} WHERE ${table}.version < EXCLUDED.version`,
    params,
  );
}
