import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PERSON_FUNCTIONS, PersonFunction } from '@intercity/contracts';
import { IsLanguageTag, IsSortSpec } from '../../shared/http/validators';
import { PageOf, PageQuery } from '@intercity/platform';

export class RegisterPersonDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  memberId!: string;

  @ApiProperty({ example: 'Francesca' })
  @IsString()
  @Length(1, 120)
  givenName!: string;

  @ApiProperty({ example: 'Ricci' })
  @IsString()
  @Length(1, 120)
  familyName!: string;

  @ApiProperty({ example: 'francesca.ricci@ravenna.example.org', description: 'Unique within the member; stored in lower case' })
  @IsEmail()
  @Length(3, 254)
  email!: string;

  @ApiProperty({ enum: PERSON_FUNCTIONS, isArray: true })
  @IsArray()
  @ArrayMaxSize(PERSON_FUNCTIONS.length)
  @ArrayUnique()
  @IsIn(PERSON_FUNCTIONS, { each: true })
  functions!: PersonFunction[];

  @ApiProperty({ example: 'it', description: 'BCP 47 language tag' })
  @IsLanguageTag()
  preferredLanguage!: string;
}

/** A person stays with their member. */
export class UpdatePersonDto extends PartialType(OmitType(RegisterPersonDto, ['memberId'] as const), { skipNullProperties: false }) {}

export const PERSON_SORT = ['familyName', 'givenName', 'email', 'createdAt', 'updatedAt'] as const;

export class ListPeopleQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  memberId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ enum: PERSON_FUNCTIONS, description: 'People who hold this function' })
  @IsOptional()
  @IsIn(PERSON_FUNCTIONS)
  function?: PersonFunction;

  @ApiPropertyOptional({ example: 'familyName,givenName', description: `Comma-separated; - for descending. Fields: ${PERSON_SORT.join(', ')}` })
  @IsOptional()
  @IsSortSpec(PERSON_SORT)
  sort?: string;
}

export class PersonResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: PERSON_FUNCTIONS, isArray: true }) functions!: PersonFunction[];
  @ApiProperty() preferredLanguage!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) erasedAt!: Date | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export const PersonPage = PageOf(PersonResponse);
