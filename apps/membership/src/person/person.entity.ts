import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PersonFunction } from '@intercity/contracts';
import type { Person } from './domain/person';

@Entity('people')
export class PersonEntity implements Person {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'member_id' }) memberId!: string;
  @Column('text', { name: 'given_name' }) givenName!: string;
  @Column('text', { name: 'family_name' }) familyName!: string;
  @Column('text') email!: string;
  @Column('text', { array: true }) functions!: PersonFunction[];
  @Column('text', { name: 'preferred_language' }) preferredLanguage!: string;
  @Column('timestamptz', { name: 'erased_at', nullable: true }) erasedAt!: Date | null;
  @Column('integer') version!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
