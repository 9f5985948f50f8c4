import { Controller, DynamicModule, Module } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  EventEnvelope,
  MemberJoined,
  MemberLeft,
  MemberLeftV1,
  MemberStateV1,
  MemberUpdated,
  PersonErased,
  PersonErasedV1,
  PersonRegistered,
  PersonStateV1,
  PersonUpdated,
} from '@intercity/contracts';
import { applyIfNewer, JetStreamContext } from '@intercity/messaging';
import { PlatformModule, ServiceConfig, ServiceDefinition } from '@intercity/platform';

/**
 * A stand-in for a downstream service (practice, notifications): it keeps copies of members and
 * people from membership's events, as those services will, through the same transport.
 */
class CopyTables1732400000001 implements MigrationInterface {
  name = 'CopyTables1732400000001';

  async up(q: QueryRunner): Promise<void> {
    // Columns are nullable: a copy may first be created by any event of the aggregate.
    await q.query(`
      CREATE TABLE member_copies (
        id uuid PRIMARY KEY, source_version integer NOT NULL,
        network_id uuid, slug text, name text, country text, time_zone text, languages text[], home_node_id text, left_on date
      )`);
    // An erased person stays as a tombstone without personal data, so no late event can bring them back.
    await q.query(`
      CREATE TABLE person_copies (
        id uuid PRIMARY KEY, source_version integer NOT NULL,
        member_id uuid, given_name text, family_name text, email text, erased boolean NOT NULL DEFAULT false
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE person_copies');
    await q.query('DROP TABLE member_copies');
  }
}

@Controller()
class CopiesConsumer {
  @EventPattern(MemberJoined.type)
  memberJoined(@Payload() e: EventEnvelope<MemberStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.copyMember(e, ctx);
  }

  @EventPattern(MemberUpdated.type)
  memberUpdated(@Payload() e: EventEnvelope<MemberStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.copyMember(e, ctx);
  }

  @EventPattern(MemberLeft.type)
  memberLeft(@Payload() e: EventEnvelope<MemberLeftV1>, @Ctx() ctx: JetStreamContext) {
    return applyIfNewer(ctx.uow.manager, { table: 'member_copies', id: e.aggregate.id, version: e.aggregate.version, values: { left_on: e.data.leftOn } });
  }

  @EventPattern(PersonRegistered.type)
  personRegistered(@Payload() e: EventEnvelope<PersonStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.copyPerson(e, ctx);
  }

  @EventPattern(PersonUpdated.type)
  personUpdated(@Payload() e: EventEnvelope<PersonStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.copyPerson(e, ctx);
  }

  @EventPattern(PersonErased.type)
  personErased(@Payload() e: EventEnvelope<PersonErasedV1>, @Ctx() ctx: JetStreamContext) {
    return applyIfNewer(ctx.uow.manager, {
      table: 'person_copies',
      id: e.aggregate.id,
      version: e.aggregate.version,
      values: { member_id: e.data.memberId, given_name: null, family_name: null, email: null, erased: true },
    });
  }

  private copyMember({ aggregate, data }: EventEnvelope<MemberStateV1>, ctx: JetStreamContext) {
    return applyIfNewer(ctx.uow.manager, {
      table: 'member_copies',
      id: aggregate.id,
      version: aggregate.version,
      values: {
        network_id: data.networkId,
        slug: data.slug,
        name: data.name,
        country: data.country,
        time_zone: data.timeZone,
        languages: data.languages,
        home_node_id: data.homeNodeId,
      },
    });
  }

  private copyPerson({ aggregate, data }: EventEnvelope<PersonStateV1>, ctx: JetStreamContext) {
    return applyIfNewer(ctx.uow.manager, {
      table: 'person_copies',
      id: aggregate.id,
      version: aggregate.version,
      values: { member_id: data.memberId, given_name: data.givenName, family_name: data.familyName, email: data.email },
    });
  }
}

@Module({})
class MemberCopiesModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: MemberCopiesModule,
      imports: [PlatformModule.forService({ config, entities: [], migrations: [CopyTables1732400000001], publishes: false })],
      controllers: [CopiesConsumer],
    };
  }
}

export function memberCopiesDefinition(config: ServiceConfig): ServiceDefinition {
  return {
    config,
    module: MemberCopiesModule.register(config),
    title: 'member copies (test)',
    description: 'Keeps copies of members and people from membership events',
    migrations: [CopyTables1732400000001],
    consumes: true,
  };
}
