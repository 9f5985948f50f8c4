import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { ResourceKind } from '@intercity/contracts';
import { RuleViolation } from '@intercity/domain';
import { TransactionRunner, UnitOfWork } from '@intercity/persistence';
import { Page, canReadNetwork, checkIfMatch, found, readableNetworks, requireAccess } from '@intercity/platform';
import { CommunityRepository } from '../community/community.repository';
import { emitAll } from '../shared/emit';
import { Outcome } from '../shared/domain/outcome';
import { language } from '../shared/domain/text';
import { PRACTICE_READS, PracticeReads } from '../shared/persistence/practice-reads';
import {
  isOutdated,
  outdatedTranslations,
  publishResource,
  Reading,
  readIn,
  Resource,
  ResourceContentInput,
  ResourceVersion,
  reviseOriginal,
  translate,
} from './domain/resource';
import { ResourceRepository } from './resource.repository';

/**
 * Resources are the community's shared material, not one city's own data (ARCHITECTURE §5 lists
 * what a liaison may change: their city's profile, people, exchanges, registrations and reports).
 * So the network's admins publish, revise and translate them; everyone in the network reads them.
 */
const EDITORS = ['network-admin'] as const;

export interface PublishResourceInput extends ResourceContentInput {
  communityId: string;
  kind: ResourceKind;
  language: string;
}

export interface ResourceVersionView extends ResourceVersion {
  /** Renders an older edition of the original than the current one. */
  outdated: boolean;
}

export interface ResourceView extends Omit<Resource, 'versions'> {
  versions: ResourceVersionView[];
  outdatedLanguages: string[];
  /** The version for the reader's languages (`?lang=`), when they asked. */
  reading?: Reading;
}

export interface OutdatedTranslationsView {
  resourceId: string;
  edition: number;
  translations: { language: string; basedOnEdition: number; updatedAt: Date }[];
}

const view = (r: Resource): ResourceView => ({
  ...r,
  versions: r.versions.map((v) => ({ ...v, outdated: isOutdated(r, v) })),
  outdatedLanguages: outdatedTranslations(r),
});

@Injectable()
export class ResourceService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly resources: ResourceRepository,
    private readonly communities: CommunityRepository,
    /** What GET routes read: practice's own tables, or on a city node its copies of the hub's. */
    @Inject(PRACTICE_READS) private readonly reads: PracticeReads,
  ) {}

  publish({ communityId, kind, language: lang, ...content }: PublishResourceInput): Promise<ResourceView> {
    return this.tx.run(async (uow) => {
      const community = await this.communities.find(communityId, uow.manager);
      if (!community || !canReadNetwork(community.networkId)) {
        throw RuleViolation.unprocessable('resource.community.exists', 'communityId', `community ${communityId} does not exist`);
      }
      requireAccess(EDITORS, { networkId: community.networkId });
      const outcome = publishResource(uuidv7(), community, { kind, language: lang, content }, new Date());
      await this.resources.insert(uow.manager, outcome.state);
      await emitAll(uow, outcome.events);
      return view(outcome.state);
    });
  }

  /** A new edition of the original: translations of the previous one fall behind. */
  revise(id: string, content: ResourceContentInput, ifMatch?: string): Promise<ResourceView> {
    return this.change(id, ifMatch, (current, now) => reviseOriginal(current, content, now));
  }

  /** Adds or updates the translation into `lang`, rendering the current edition. */
  translate(id: string, lang: string, { asFallback, ...content }: ResourceContentInput & { asFallback?: boolean }, ifMatch?: string): Promise<ResourceView> {
    return this.change(id, ifMatch, (current, now) => translate(current, lang, content, now, { asFallback: asFallback ?? false }));
  }

  async get(id: string, preferred?: string): Promise<ResourceView> {
    const languages = preferred === undefined ? undefined : this.languages(preferred);
    const resource = await this.readable(id);
    return languages ? { ...view(resource), reading: readIn(resource, languages) } : view(resource);
  }

  async outdated(id: string): Promise<OutdatedTranslationsView> {
    const r = await this.readable(id);
    return {
      resourceId: r.id,
      edition: r.edition,
      translations: r.versions.filter((v) => isOutdated(r, v)).map((v) => ({ language: v.language, basedOnEdition: v.basedOnEdition, updatedAt: v.updatedAt })),
    };
  }

  async list(filter: { communityId?: string; kind?: ResourceKind; language?: string; limit: number; offset: number }): Promise<Page<ResourceView>> {
    const lang = filter.language === undefined ? undefined : language(filter.language, 'resource.language', 'language');
    const page = await this.reads.resources({ ...filter, language: lang, networks: readableNetworks() });
    return { ...page, items: page.items.map(view) };
  }

  private change(id: string, ifMatch: string | undefined, rule: (current: Resource, now: Date) => Outcome<Resource>): Promise<ResourceView> {
    return this.tx.run(async (uow) => {
      const current = await this.lockReadable(uow, id);
      requireAccess(EDITORS, { networkId: current.networkId });
      checkIfMatch(ifMatch, current.version);
      const outcome = rule(current, new Date());
      if (outcome.events.length) await this.resources.update(uow.manager, outcome.state);
      await emitAll(uow, outcome.events);
      return view(outcome.state);
    });
  }

  /** `?lang=de-AT,en`: the reader's languages in order of preference. */
  private languages(preferred: string): string[] {
    const tags = preferred
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    if (tags.length === 0) throw RuleViolation.invalid('resource.language', 'lang', 'name at least one language');
    return tags.map((t) => language(t, 'resource.language', 'lang'));
  }

  private async readable(id: string): Promise<Resource> {
    const resource = await this.reads.resource(id);
    return found(resource && canReadNetwork(resource.networkId) ? resource : undefined, 'resource', id);
  }

  private async lockReadable(uow: UnitOfWork, id: string): Promise<Resource> {
    const current = await this.resources.find(id, uow.manager, true);
    return found(current && canReadNetwork(current.networkId) ? current : undefined, 'resource', id);
  }
}
