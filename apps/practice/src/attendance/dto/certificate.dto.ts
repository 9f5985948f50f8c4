import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `:id/certificates/:personId` of an activity's certificate for a person. */
export class CertificateParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') personId!: string;
}

class CertificateRuleResponse {
  @ApiProperty({ type: Number, nullable: true }) minHours!: number | null;
  @ApiProperty({ type: Number, nullable: true }) minSessions!: number | null;
}

export class CertificateResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) networkId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ format: 'uuid' }) activityId!: string;
  @ApiProperty({ type: CertificateRuleResponse }) rule!: CertificateRuleResponse;
  @ApiProperty() attendedMinutes!: number;
  @ApiProperty() hours!: number;
  @ApiProperty() attendedSessions!: number;
  @ApiProperty({ description: 'BCP 47: the language the certificate is rendered in' }) language!: string;
  @ApiProperty({ format: 'date' }) issuedOn!: string;
  @ApiProperty() issuedAt!: Date;
}
