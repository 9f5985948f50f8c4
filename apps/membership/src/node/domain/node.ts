import { NodeRegisteredV1 } from '@intercity/contracts';
import { firstVersion, present, Versioned } from '../../shared/domain/revise';

/** A deployment of Intercity that is home to members and their people (ARCHITECTURE §6). */
export interface Node extends Versioned {
  id: string;
  name: string;
  baseUrl: string;
  hub: boolean;
  jetstreamDomain: string | null;
}

export interface NodeRegistration {
  id: string;
  name: string;
  baseUrl: string;
  hub: boolean;
  jetstreamDomain?: string | null;
}

export function registerNode(input: NodeRegistration, now: Date): Node {
  return {
    id: input.id,
    name: input.name,
    // One spelling per node, so links built from it never get a double slash.
    baseUrl: input.baseUrl.replace(/\/+$/, ''),
    hub: input.hub,
    jetstreamDomain: input.jetstreamDomain ?? null,
    ...firstVersion(now),
  };
}

export function nodeRegisteredEvent(n: Node): NodeRegisteredV1 {
  return present({ nodeId: n.id, name: n.name, baseUrl: n.baseUrl, hub: n.hub, jetstreamDomain: n.jetstreamDomain });
}
