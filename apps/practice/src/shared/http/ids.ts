import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `:id/…/:registrationId` of a registration route. */
export class RegistrationParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') registrationId!: string;
}

/** `:id/…/:memberId` of a community's city. */
export class CityParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') memberId!: string;
}

/** `:id/sessions/:sessionId` of an activity's session. */
export class SessionParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') sessionId!: string;
}
