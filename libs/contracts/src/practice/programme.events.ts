import { Type } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { CertificateRuleV1 } from './activity.events';

/**
 * A training programme: activities of one community whose attendance counts together towards one
 * certificate (ECCIPA's 120 hours over many sessions), against the rule the organiser set for it.
 */
export class ProgrammeDefinedV1 {
  @IsUUID('all') programmeId!: string;
  @IsUUID('all') networkId!: string;
  @IsUUID('all') communityId!: string;
  @IsString() @Length(1, 200) title!: string;
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsUUID('all', { each: true }) activityIds!: string[];
  @ValidateNested() @Type(() => CertificateRuleV1) rule!: CertificateRuleV1;
}

export const ProgrammeDefined = defineEvent('practice.programme.defined', 1, 'programme', ProgrammeDefinedV1);
