import { CallContexts } from '@intercity/persistence';

/**
 * The networks whose data the person asking may read: those they hold any role in. `undefined`
 * means every network (the node operator, or the service's own work with no person behind it).
 */
export function readableNetworks(): string[] | undefined {
  const { principal } = CallContexts.current();
  if (!principal || principal.grants.some((g) => g.networkId === '*')) return undefined;
  return [...new Set(principal.grants.map((g) => g.networkId))];
}

/** Whether one network's data may be read; what may not is answered as if it did not exist. */
export function canReadNetwork(networkId: string): boolean {
  const networks = readableNetworks();
  return networks === undefined || networks.includes(networkId);
}
