import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { NetworkCreated, NetworkUpdated } from '@intercity/contracts';
import { TransactionRunner } from '@intercity/persistence';
import { Page, canReadNetwork, checkIfMatch, found, readableNetworks, requireAccess } from '@intercity/platform';
import { changeNetwork, createNetwork, Network, NetworkFields, networkState } from './domain/network';
import { NetworkFilter, NetworkRepository } from './network.repository';

@Injectable()
export class NetworkService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly networks: NetworkRepository,
  ) {}

  create(input: NetworkFields): Promise<Network> {
    // A new network is the node operator's to create.
    requireAccess(['network-admin'], { networkId: '*' });
    return this.tx.run(async (uow) => {
      const network = createNetwork(uuidv7(), input, new Date());
      await this.networks.insert(uow.manager, network);
      await uow.emit(NetworkCreated, { aggregateId: network.id, aggregateVersion: network.version, data: networkState(network) });
      return network;
    });
  }

  update(id: string, changes: Partial<NetworkFields>, ifMatch?: string): Promise<Network> {
    return this.tx.run(async (uow) => {
      const current = found(await this.networks.lock(uow.manager, id), 'network', id);
      requireAccess(['network-admin'], { networkId: current.id });
      checkIfMatch(ifMatch, current.version);
      const next = changeNetwork(current, changes, new Date());
      if (!next) return current;
      await this.networks.update(uow.manager, next);
      await uow.emit(NetworkUpdated, { aggregateId: next.id, aggregateVersion: next.version, data: networkState(next) });
      return next;
    });
  }

  async get(id: string): Promise<Network> {
    const network = await this.networks.findById(id);
    // Another network's data is not to be read here, and does not show that it exists.
    return found(network && canReadNetwork(network.id) ? network : undefined, 'network', id);
  }

  list(filter: NetworkFilter): Promise<Page<Network>> {
    return this.networks.list({ ...filter, networks: readableNetworks() });
  }
}
