import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `:id` of a uuid-keyed resource: a malformed one is a 400 naming `id`, not a database error. */
export class IdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
}
