import { NetworkStateV1 } from '@intercity/contracts';
import { firstVersion, present, revise, Versioned } from '../../shared/domain/revise';

/** A network of cities (EUROCITIES, an Erasmus+ partnership) that runs projects. */
export interface Network extends Versioned {
  id: string;
  slug: string;
  name: string;
  description: string | null;
}

export interface NetworkFields {
  slug: string;
  name: string;
  description?: string | null;
}

export function createNetwork(id: string, input: NetworkFields, now: Date): Network {
  return { id, slug: input.slug, name: input.name, description: input.description ?? null, ...firstVersion(now) };
}

export function changeNetwork(current: Network, changes: Partial<NetworkFields>, now: Date): Network | undefined {
  return revise(current, changes, now);
}

export function networkState(n: Network): NetworkStateV1 {
  return present({ networkId: n.id, slug: n.slug, name: n.name, description: n.description });
}
