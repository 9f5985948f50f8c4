import { IsBoolean, IsOptional, IsString, IsUrl, Length, Matches } from 'class-validator';
import { defineEvent } from '../event-definition';

/** A deployment of Intercity: the hub of the network or a city's own node. */
export class NodeRegisteredV1 {
  @Matches(/^[a-z0-9-]+$/) nodeId!: string;
  @IsString() @Length(1, 200) name!: string;
  @IsUrl({ require_tld: false, require_protocol: true }) baseUrl!: string;
  @IsBoolean() hub!: boolean;
  /** The node's JetStream domain, when it federates. */
  @IsOptional() @IsString() jetstreamDomain?: string;
}

export const NodeRegistered = defineEvent('membership.node.registered', 1, 'node', NodeRegisteredV1);
