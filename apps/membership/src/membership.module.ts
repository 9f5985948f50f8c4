import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor, PlatformModule, ServiceConfig } from '@intercity/platform';
import { MEMBERSHIP_MIGRATIONS } from './migrations';
import { MemberController } from './member/member.controller';
import { MemberEntity } from './member/member.entity';
import { MemberRepository } from './member/member.repository';
import { MemberService } from './member/member.service';
import { NetworkController } from './network/network.controller';
import { NetworkEntity } from './network/network.entity';
import { NetworkRepository } from './network/network.repository';
import { NetworkService } from './network/network.service';
import { NodeController } from './node/node.controller';
import { NodeEntity } from './node/node.entity';
import { NodeRepository } from './node/node.repository';
import { NodeService } from './node/node.service';
import { ParticipationController } from './participation/participation.controller';
import { ParticipationEntity } from './participation/participation.entity';
import { ParticipationRepository } from './participation/participation.repository';
import { ParticipationService } from './participation/participation.service';
import { ProjectController } from './project/project.controller';
import { ProjectEntity } from './project/project.entity';
import { ProjectRepository } from './project/project.repository';
import { ProjectService } from './project/project.service';
import { PersonController } from './person/person.controller';
import { PersonEntity } from './person/person.entity';
import { PersonRepository } from './person/person.repository';
import { PersonService } from './person/person.service';
import { HomeNodes, HubHomedWrites } from './federation/home-node';
import { HubReplicaConsumer } from './federation/hub-replica.consumer';
import { IngestGateService } from './federation/ingest-gate.service';
import { HubFeedService } from './federation/hub-feed.service';
import { NodeLinkController } from './federation/node-link.controller';
import { NodeLinkRepository } from './federation/node-link.repository';

export const MEMBERSHIP_ENTITIES = [NodeEntity, NetworkEntity, ProjectEntity, MemberEntity, ParticipationEntity, PersonEntity];

/**
 * Networks, projects, members, participations, people and nodes: one module, because the
 * features lean on each other's repositories (a participation checks its project and member, a
 * member leaving ends its participations) and Nest modules cannot import each other in a circle.
 */
@Module({})
export class MembershipModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: MembershipModule,
      imports: [PlatformModule.forService({ config, entities: MEMBERSHIP_ENTITIES, migrations: MEMBERSHIP_MIGRATIONS })],
      controllers: [
        NodeController,
        NetworkController,
        ProjectController,
        MemberController,
        ParticipationController,
        PersonController,
        NodeLinkController,
        ...(config.FEDERATION_ROLE === 'city' ? [HubReplicaConsumer] : []),
      ],
      providers: [
        NodeRepository,
        NodeService,
        NetworkRepository,
        NetworkService,
        ProjectRepository,
        ProjectService,
        MemberRepository,
        MemberService,
        ParticipationRepository,
        ParticipationService,
        PersonRepository,
        PersonService,
        HomeNodes,
        HubHomedWrites,
        IngestGateService,
        HubFeedService,
        NodeLinkRepository,
        // Every POST honours Idempotency-Key; the interceptor ignores other methods.
        { provide: APP_INTERCEPTOR, useExisting: IdempotencyInterceptor },
      ],
    };
  }
}
