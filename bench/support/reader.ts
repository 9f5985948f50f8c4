import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { EVENT_REGISTRY, EventEnvelope, MemberJoined, MemberStateV1, MemberUpdated } from '@intercity/contracts';
import { applyIfNewer, EventHandlerErrorFilter, JetStreamContext, JetStreamServer, MessagingNamespace } from '@intercity/messaging';
import { connect } from '@nats-io/transport-node';
import { NATS_URL } from './env';
import { ORIGIN } from './events';

/**
 * The read models of "another service": a copy of members (throughput case), and a copy that
 * stamps when its transaction commits (latency case). The stamp comes from a deferred constraint
 * trigger, which runs at COMMIT, after every other statement of the consumer's batch.
 */
export const READER_SCHEMA = `
  CREATE TABLE member_copy (
    id uuid PRIMARY KEY,
    source_version bigint NOT NULL,
    network_id uuid NOT NULL,
    slug text NOT NULL,
    name text NOT NULL,
    country text NOT NULL,
    time_zone text NOT NULL,
    languages text[] NOT NULL
  );
  CREATE TABLE member_latency (
    id uuid PRIMARY KEY,
    source_version bigint NOT NULL,
    occurred_at timestamptz NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    committed_at timestamptz
  );
  CREATE FUNCTION stamp_commit() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN UPDATE member_latency SET committed_at = clock_timestamp() WHERE id = NEW.id; RETURN NULL; END $$;
  CREATE CONSTRAINT TRIGGER stamp_commit AFTER INSERT ON member_latency
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stamp_commit();`;

@Controller()
class MemberCopyConsumer {
  @EventPattern(MemberJoined.type)
  async joined(@Payload() e: EventEnvelope<MemberStateV1>, @Ctx() ctx: JetStreamContext) {
    await applyIfNewer(ctx.uow.manager, {
      table: 'member_copy',
      id: e.aggregate.id,
      version: e.aggregate.version,
      values: {
        network_id: e.data.networkId,
        slug: e.data.slug,
        name: e.data.name,
        country: e.data.country,
        time_zone: e.data.timeZone,
        languages: e.data.languages,
      },
    });
  }

  @EventPattern(MemberUpdated.type)
  async updated(@Payload() e: EventEnvelope<MemberStateV1>, @Ctx() ctx: JetStreamContext) {
    await applyIfNewer(ctx.uow.manager, {
      table: 'member_latency',
      id: e.aggregate.id,
      version: e.aggregate.version,
      values: { occurred_at: e.occurredAt },
    });
  }
}

@Module({ controllers: [MemberCopyConsumer] })
class ReaderModule {}

export const READER_SERVICE = 'reader';

/**
 * A consuming service as the platform builds one: JetStreamServer with its default settings. Not
 * listening yet: `listen()` connects, creates the durable consumer and starts applying.
 */
export async function createReader(dataSource: DataSource, ns: MessagingNamespace): Promise<INestMicroservice> {
  const server = new JetStreamServer({
    service: READER_SERVICE,
    connect: () => connect({ servers: NATS_URL.split(','), name: `bench-${READER_SERVICE}` }),
    dataSource,
    origin: ORIGIN,
    ns,
    registry: EVENT_REGISTRY,
  });
  const app = await NestFactory.createMicroservice(ReaderModule, { strategy: server, logger: ['error'] });
  app.useGlobalFilters(new EventHandlerErrorFilter());
  return app;
}
