import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';

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
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "The activity of a single activity's certificate; null for a programme's" }) activityId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "The training programme of a programme's certificate" }) programmeId!: string | null;
  @ApiProperty({ type: [String], description: 'The activities whose attendance counted' }) activityIds!: string[];
  @ApiProperty({ type: CertificateRuleResponse }) rule!: CertificateRuleResponse;
  @ApiProperty() attendedMinutes!: number;
  @ApiProperty() hours!: number;
  @ApiProperty() attendedSessions!: number;
  @ApiProperty({ description: 'BCP 47: the language the certificate is rendered in' }) language!: string;
  @ApiProperty({ format: 'date' }) issuedOn!: string;
  @ApiProperty() issuedAt!: Date;
}

/** `:id/certificates/:personId` of a programme's certificate for a person. */
export class ProgrammeCertificateParams extends CertificateParams {}

class ProgrammeRuleDto {
  @ApiPropertyOptional({ type: Number, nullable: true, example: 120 }) @IsOptional() @IsNumber() minHours?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsInt() minSessions?: number | null;
}

export class DefineProgrammeDto {
  @ApiProperty({ example: 'ECCIPA integration champions training' }) @IsString() @Length(1, 200) title!: string;

  @ApiProperty({ type: [String], description: 'Activities of one community, in the order the certificate lists them' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  activityIds!: string[];

  @ApiProperty({ type: ProgrammeRuleDto, description: 'What a person must attend across all the activities, summed: hours, sessions or both' })
  @ValidateNested()
  @Type(() => ProgrammeRuleDto)
  certificate!: ProgrammeRuleDto;
}

export class ProgrammeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) networkId!: string;
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [String] }) activityIds!: string[];
  @ApiProperty({ type: CertificateRuleResponse }) rule!: CertificateRuleResponse;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}
