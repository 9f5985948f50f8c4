import { Controller, Get, INestApplication, Module, Post, Type } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { Access } from '@intercity/auth';
import { databaseTargetFor } from '@intercity/persistence';
import { connectTestNats, dropTestDatabase, randomSuffix, TestIssuer, testNamespace } from '@intercity/testing';
import { createServiceApp, loadServiceConfig, migrateService, PlatformModule, RoutePolicyCheck, ServiceDefinition } from '../src';

@Controller('declared')
class DeclaredController {
  @Get()
  @Access.authenticated()
  list() {
    return [];
  }

  @Post()
  @Access.roles('network-admin')
  create() {
    return {};
  }

  @Get('probe')
  @Access.public('a probe')
  probe() {
    return 'ok';
  }

  /** Not a route: needs no policy. */
  helper() {
    return 'helper';
  }
}

/** A policy on the class covers every route in it. */
@Controller('whole')
@Access.roles('viewer')
class DeclaredOnClassController {
  @Get()
  list() {
    return [];
  }
}

@Controller('forgotten')
class ForgetfulController {
  @Get()
  @Access.authenticated()
  list() {
    return [];
  }

  @Post(':id/close')
  close() {
    return {};
  }

  @Get('open')
  open() {
    return {};
  }
}

/** Only what the check needs: the routes to look at and the check itself. */
function moduleWith(...controllers: Type[]): Type {
  @Module({ imports: [DiscoveryModule], controllers, providers: [RoutePolicyCheck] })
  class RoutesModule {}
  return RoutesModule;
}

async function initialise(module: Type): Promise<INestApplication> {
  const app = await NestFactory.create(module, { logger: false, abortOnError: false });
  try {
    return await app.init();
  } catch (e) {
    await app.close();
    throw e;
  }
}

describe('the route policy check at start', () => {
  it('starts a service whose every route declares who may call it, on the method or on the class', async () => {
    const app = await initialise(moduleWith(DeclaredController, DeclaredOnClassController));
    await app.close();
  });

  it('refuses to start a service with a route that declares no policy, naming each such Controller.method', async () => {
    const start = initialise(moduleWith(DeclaredController, ForgetfulController));
    await expect(start).rejects.toThrow('routes without an access policy (@Access.…): ForgetfulController.close, ForgetfulController.open');
  });

  describe('in a service built on the platform', () => {
    const { ns, cleanup } = testNamespace();
    let issuer: TestIssuer;
    const definition = (controllers: Type[]): ServiceDefinition => {
      const config = loadServiceConfig('policies', 0, {
        ...process.env,
        ...issuer.env,
        PG_DATABASE_PREFIX: `test_platform_${randomSuffix()}_`,
        NATS_SUBJECT_PREFIX: ns.subjectPrefix,
        NATS_STREAM_PREFIX: ns.streamPrefix,
        LOG_LEVEL: 'silent',
      });
      @Module({ imports: [PlatformModule.forService({ config, entities: [], migrations: [], publishes: false })], controllers })
      class PoliciesModule {}
      return { config, module: PoliciesModule, title: 'policies', description: 'test', migrations: [] };
    };
    const databases: ServiceDefinition['config'][] = [];

    beforeAll(async () => {
      issuer = await TestIssuer.start();
    });
    afterAll(async () => {
      await issuer?.stop();
      for (const config of databases) await dropTestDatabase(databaseTargetFor('policies', config as unknown as NodeJS.ProcessEnv));
      const nc = await connectTestNats();
      try {
        await cleanup(nc);
      } finally {
        await nc.close();
      }
    });

    async function start(controllers: Type[]): Promise<INestApplication> {
      const def = definition(controllers);
      databases.push(def.config);
      await migrateService(def);
      const app = await createServiceApp(def);
      try {
        return await app.init();
      } catch (e) {
        await app.close();
        throw e;
      }
    }

    it('fails to start with a route that declares no policy, and starts once it does', async () => {
      await expect(start([ForgetfulController])).rejects.toThrow(/ForgetfulController\.close, ForgetfulController\.open$/);
      const app = await start([DeclaredController]);
      await app.close();
    });
  });
});
