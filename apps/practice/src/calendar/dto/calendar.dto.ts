import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `cities/:memberId/…` */
export class MemberParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') memberId!: string;
}

export class CalendarLinkResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ description: 'The secret feed URL; shown this once (only its hash is kept). A new link replaces the old one.' })
  url!: string;
}
