import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `cities/:memberId/…` */
export class MemberParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') memberId!: string;
}

const URL_DESCRIPTION = 'The secret feed URL; shown this once (only its hash is kept). A new link replaces the old one.';

export class CityCalendarLinkResponse {
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ description: URL_DESCRIPTION }) url!: string;
}

export class PersonCalendarLinkResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ description: URL_DESCRIPTION }) url!: string;
}
