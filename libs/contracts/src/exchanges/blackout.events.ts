import { IsString, IsUUID, Length, Matches } from 'class-validator';
import { defineEvent } from '../event-definition';

/** Days a city cannot host or send staff (local elections, summer closure), in its own calendar. */
export class BlackoutV1 {
  @IsUUID('all') blackoutId!: string;
  @IsUUID('all') networkId!: string;
  @IsUUID('all') memberId!: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) from!: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) to!: string;
  @IsString() @Length(1, 300) reason!: string;
}

export const BlackoutAdded = defineEvent('exchanges.blackout.added', 1, 'blackout', BlackoutV1);
export const BlackoutRemoved = defineEvent('exchanges.blackout.removed', 1, 'blackout', BlackoutV1);
