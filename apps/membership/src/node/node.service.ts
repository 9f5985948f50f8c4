import { Injectable } from '@nestjs/common';
import { NodeRegistered } from '@intercity/contracts';
import { TransactionRunner } from '@intercity/persistence';
import { Page, found, requireAccess } from '@intercity/platform';
import { Node, nodeRegisteredEvent, NodeRegistration, registerNode } from './domain/node';
import { NodeFilter, NodeRepository } from './node.repository';
import { IngestGateService } from '../federation/ingest-gate.service';

@Injectable()
export class NodeService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly nodes: NodeRepository,
    private readonly gate: IngestGateService,
  ) {}

  async register(input: NodeRegistration): Promise<Node> {
    // Nodes are the operator's: which deployments make up the network.
    requireAccess(['network-admin'], { networkId: '*' });
    const registered = await this.tx.run(async (uow) => {
      const node = registerNode(input, new Date());
      await this.nodes.insert(uow.manager, node);
      await uow.emit(NodeRegistered, { aggregateId: node.id, aggregateVersion: node.version, data: nodeRegisteredEvent(node) });
      return node;
    });
    // On the hub, a city node's events start flowing in as soon as it is registered.
    await this.gate.refresh();
    return registered;
  }

  async get(id: string): Promise<Node> {
    return found(await this.nodes.findById(id), 'node', id);
  }

  list(filter: NodeFilter): Promise<Page<Node>> {
    return this.nodes.list(filter);
  }
}
