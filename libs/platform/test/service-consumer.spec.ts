import { Controller, INestApplication, Module } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { v7 as uuidv7 } from 'uuid';
import { EventEnvelope, MemberJoined, MemberStateV1 } from '@intercity/contracts';
import { DEAD_LETTER_HEADERS, deadLetterStreamName, eventSubject } from '@intercity/messaging';
import { databaseTargetFor } from '@intercity/persistence';
import { connectTestNats, dropTestDatabase, randomSuffix, readStream, testNamespace, waitFor } from '@intercity/testing';
import { createServiceApp, loadServiceConfig, migrateService, PlatformModule, ServiceDefinition } from '../src';

@Controller()
class FailingConsumer {
  @EventPattern(MemberJoined.type)
  joined(@Payload() envelope: EventEnvelope<MemberStateV1>): void {
    throw new Error(`cannot copy ${envelope.data.name}: the copy table is missing`);
  }
}

const { ns, cleanup } = testNamespace();
const config = loadServiceConfig('copier', 0, {
  ...process.env,
  PG_DATABASE_PREFIX: `test_platform_${randomSuffix()}_`,
  NATS_SUBJECT_PREFIX: ns.subjectPrefix,
  NATS_STREAM_PREFIX: ns.streamPrefix,
  LOG_LEVEL: 'silent',
  EVENT_MAX_ATTEMPTS: '2',
  EVENT_RETRY_BACKOFF_MS: '50',
});

@Module({ imports: [PlatformModule.forService({ config, entities: [], migrations: [], publishes: false })], controllers: [FailingConsumer] })
class CopierModule {}

const definition: ServiceDefinition = { config, module: CopierModule, title: 'copier', description: 'test', migrations: [], consumes: true };

let app: INestApplication;
let nc: NatsConnection;

beforeAll(async () => {
  await migrateService(definition);
  app = await createServiceApp(definition);
  await app.startAllMicroservices();
  await app.init();
  nc = await connectTestNats();
});

afterAll(async () => {
  await app?.close();
  await cleanup(nc);
  await nc.close();
  await dropTestDatabase(databaseTargetFor('copier', config as unknown as NodeJS.ProcessEnv));
});

describe('a service that consumes events', () => {
  it("dead-letters a failing event with the handler's own error, not Nest's generic one", async () => {
    const memberId = uuidv7();
    const event: EventEnvelope<MemberStateV1> = {
      id: uuidv7(),
      type: MemberJoined.type,
      version: 1,
      occurredAt: new Date().toISOString(),
      origin: 'test',
      aggregate: { type: 'member', id: memberId, version: 1 },
      actor: { kind: 'system', id: 'test' },
      correlationId: uuidv7(),
      causationId: null,
      data: {
        memberId,
        networkId: uuidv7(),
        slug: 'ravenna',
        kind: 'city',
        name: 'Ravenna',
        legalName: 'Comune di Ravenna',
        country: 'IT',
        timeZone: 'Europe/Rome',
        languages: ['it'],
        homeNodeId: 'hub',
      },
    };
    await jetstream(nc).publish(eventSubject(event.type, ns), JSON.stringify(event), { msgID: event.id });

    const jsm = await jetstreamManager(nc);
    const dead = await waitFor(
      async () => (await readStream(jsm, deadLetterStreamName(ns))).find((m) => (m.json() as { id: string }).id === event.id),
      { description: 'the failing event in the dead-letter stream', timeoutMs: 30_000 },
    );
    expect(dead.header.get(DEAD_LETTER_HEADERS.reason)).toContain('cannot copy Ravenna: the copy table is missing');
    expect(dead.header.get(DEAD_LETTER_HEADERS.attempts)).toBe('2');
  });
});
