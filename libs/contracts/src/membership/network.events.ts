import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { defineEvent } from '../event-definition';

/** A network's full state after the change: copies elsewhere replace theirs with it. */
export class NetworkStateV1 {
  @IsUUID('all') networkId!: string;
  @Matches(/^[a-z0-9-]+$/) slug!: string;
  @IsString() @Length(1, 200) name!: string;
  @IsOptional() @IsString() description?: string;
}

export const NetworkCreated = defineEvent('membership.network.created', 1, 'network', NetworkStateV1);
export const NetworkUpdated = defineEvent('membership.network.updated', 1, 'network', NetworkStateV1);
