import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { AccessDenied, grantCovers } from '@intercity/auth';
import { DirectoryCopies } from '@intercity/directory';
import { EventDefinition, WebhookEndpointChangeV1, WebhookEndpointDeactivated, WebhookEndpointRegistered, WebhookSecretRotated } from '@intercity/contracts';
import { RuleViolation } from '@intercity/domain';
import { CallContexts, TransactionRunner, UnitOfWork } from '@intercity/persistence';
import { actingPersonId, canReadNetwork, Clock, Page, ProblemException, requireAccess } from '@intercity/platform';
import { EndpointInput, endpointKinds, endpointViolations, WebhookEndpoint } from './domain/webhook-endpoint';
import { newWebhookSecret, sealSecret } from './domain/webhook-secret';
import { WEBHOOK_OPTIONS, WebhookOptions } from './webhook.config';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';

export type CreateEndpointInput = EndpointInput & { networkId: string };

/** An endpoint with its secret: only in the answer that created or rotated it. */
export type EndpointWithSecret = WebhookEndpoint & { secret: string };

/**
 * Webhook endpoints of a network, a city or a person (issue 8). A network's are its admins'; a
 * city's are also its liaison's; a person's are their city liaison's (ARCHITECTURE §5). The secret
 * is shown once, when made; it stays readable to the service alone, to sign with.
 */
@Injectable()
export class WebhookEndpointService {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly tx: TransactionRunner,
    private readonly directory: DirectoryCopies,
    private readonly clock: Clock,
    @Inject(WEBHOOK_OPTIONS) private readonly options: WebhookOptions,
  ) {}

  async create(input: CreateEndpointInput): Promise<EndpointWithSecret> {
    const violations = endpointViolations(input, { requireHttps: this.options.requireHttps });
    if (violations.length) throw ProblemException.invalid(violations);
    const owner = await this.ownerOf(input.networkId, input.memberId ?? null, input.personId ?? null);
    requireAccess(owner.roles, owner.target);
    const secret = newWebhookSecret();
    const endpoint: WebhookEndpoint = {
      id: uuidv7(),
      scope: input.scope,
      networkId: input.networkId,
      memberId: input.memberId ?? null,
      personId: input.personId ?? null,
      url: input.url,
      kinds: endpointKinds(input.kinds),
      active: true,
      createdBy: actingPersonId(),
      createdAt: this.clock.now(),
    };
    await this.tx.run(async (uow) => {
      await this.endpoints.insert(uow.manager, { ...endpoint, secret: sealSecret(secret, this.options.secretKey) });
      await this.emitChange(uow, WebhookEndpointRegistered, endpoint, 1, {
        origin: new URL(endpoint.url).origin,
        kinds: endpoint.kinds,
        registeredBy: endpoint.createdBy,
        registeredAt: endpoint.createdAt.toISOString(),
      });
    });
    return { ...endpoint, secret };
  }

  /** A network's endpoints: all of them for its admins, their city's and its people's for a liaison. */
  async list(networkId: string, page: { limit: number; offset: number }): Promise<Page<WebhookEndpoint>> {
    const { principal } = CallContexts.current();
    const admin = !principal || principal.grants.some((g) => g.role === 'network-admin' && grantCovers(g, { networkId }));
    const cities = principal?.grants.filter((g) => g.role === 'city-liaison' && g.memberId && grantCovers(g, { networkId, memberId: g.memberId })).map((g) => g.memberId as string);
    if (!admin && !cities?.length) {
      throw canReadNetwork(networkId)
        ? new AccessDenied('access.role', 'webhooks are seen by network admins and city liaisons')
        : new AccessDenied('access.network', `no role of yours reaches network ${networkId}`);
    }
    const { items, total } = await this.endpoints.list({ networkId, memberIds: admin ? undefined : cities, ...page });
    return { items, total, ...page };
  }

  /**
   * Stops deliveries to an endpoint; deliveries already queued for it fail without being sent. Who
   * did it goes to the audit trail with it; deactivating again changes, and records, nothing.
   */
  async deactivate(id: string): Promise<void> {
    const endpoint = await this.writable(id);
    if (!endpoint.active) return;
    await this.tx.run(async (uow) => {
      const version = await this.endpoints.deactivate(uow.manager, id);
      // Someone else deactivated it meanwhile: theirs is the change, and the record.
      if (version === null) return;
      await this.emitChange(uow, WebhookEndpointDeactivated, endpoint, version, { deactivatedBy: actingPersonId(), deactivatedAt: this.clock.now().toISOString() });
    });
  }

  /**
   * A new secret, shown once; from now on every delivery is signed with it. Who rotated it and when
   * goes to the audit trail (and the outbox) in the same transaction.
   */
  async rotateSecret(id: string): Promise<EndpointWithSecret> {
    const endpoint = await this.writable(id);
    const secret = newWebhookSecret();
    await this.tx.run(async (uow) => {
      const version = await this.endpoints.replaceSecret(uow.manager, id, sealSecret(secret, this.options.secretKey));
      if (version === null) throw ProblemException.conflict('webhook.endpoint.active', `webhook ${id} is deactivated: register a new one instead`);
      await this.emitChange(uow, WebhookSecretRotated, endpoint, version, { rotatedBy: actingPersonId(), rotatedAt: this.clock.now().toISOString() });
    });
    return { ...endpoint, secret };
  }

  /** An endpoint's change into the outbox and the audit trail, naming the endpoint and whose it is. */
  private async emitChange<T extends WebhookEndpointChangeV1>(
    uow: UnitOfWork,
    def: EventDefinition<T>,
    endpoint: WebhookEndpoint,
    version: number,
    fact: Omit<T, keyof WebhookEndpointChangeV1>,
  ): Promise<void> {
    const about: WebhookEndpointChangeV1 = {
      endpointId: endpoint.id,
      networkId: endpoint.networkId,
      scope: endpoint.scope,
      ...(endpoint.memberId ? { memberId: endpoint.memberId } : {}),
      ...(endpoint.personId ? { personId: endpoint.personId } : {}),
    };
    await uow.emit(def, { aggregateId: endpoint.id, aggregateVersion: version, data: { ...about, ...fact } as T });
  }

  private async writable(id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.get(id);
    // What the caller may not read does not exist for them.
    if (!endpoint || !canReadNetwork(endpoint.networkId)) throw ProblemException.notFound('webhook', id);
    const owner = await this.ownerOf(endpoint.networkId, endpoint.memberId, endpoint.personId, true);
    requireAccess(owner.roles, owner.target);
    return endpoint;
  }

  /**
   * Who may manage an endpoint of this scope, and what it touches. A city or person must be known
   * from membership's events and belong to the network; for an existing endpoint whose person was
   * erased meanwhile, only the network's admins remain.
   */
  private async ownerOf(networkId: string, memberId: string | null, personId: string | null, existing = false) {
    const admins = { roles: ['network-admin'] as const, target: { networkId } };
    if (personId) {
      const person = await this.directory.person(personId);
      const member = person && (await this.directory.member(person.memberId));
      if (!member || member.networkId !== networkId) {
        if (existing) return admins;
        throw RuleViolation.unprocessable('webhook.person.in-network', 'personId', `person ${personId} is not known as a person of a member of network ${networkId}`);
      }
      return { roles: ['network-admin', 'city-liaison'] as const, target: { networkId, memberId: member.id } };
    }
    if (memberId) {
      const member = await this.directory.member(memberId);
      if (!existing && (!member || member.networkId !== networkId)) {
        throw RuleViolation.unprocessable('webhook.city.in-network', 'memberId', `member ${memberId} is not known as a member of network ${networkId}`);
      }
      return { roles: ['network-admin', 'city-liaison'] as const, target: { networkId, memberId } };
    }
    return admins;
  }
}
