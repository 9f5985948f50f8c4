import { And, Equal, FindOperator, In, Raw } from 'typeorm';

/**
 * A column's condition within the networks the reader may see (`undefined`: all of them), kept
 * together with the value the client filtered on, if any.
 */
export function withinNetworks<T>(value: T | undefined, networks: string[] | undefined): T | FindOperator<T> | undefined {
  if (networks === undefined) return value;
  const scope = In(networks) as FindOperator<T>;
  return value === undefined ? scope : And(Equal(value), scope);
}

/** The same for a reference to an aggregate whose own table carries the network (`members`, `projects`). */
export function referencingNetworks(
  table: 'members' | 'projects',
  value: string | undefined,
  networks: string[] | undefined,
): string | FindOperator<string> | undefined {
  if (networks === undefined) return value;
  const scope = Raw((column) => `${column} IN (SELECT id FROM ${table} WHERE network_id = ANY(:readable))`, { readable: networks });
  return value === undefined ? scope : And(Equal(value), scope);
}
