import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ExperienceLevel, ProjectRole } from '@intercity/contracts';
import type { Participation } from './domain/participation';

@Entity('participations')
export class ParticipationEntity implements Participation {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'network_id' }) networkId!: string;
  @Column('uuid', { name: 'project_id' }) projectId!: string;
  @Column('uuid', { name: 'member_id' }) memberId!: string;
  @Column('text') role!: ProjectRole;
  @Column('text', { name: 'experience_level', nullable: true }) experienceLevel!: ExperienceLevel | null;
  @Column('date', { name: 'from_date' }) from!: string;
  @Column('date', { name: 'to_date', nullable: true }) to!: string | null;
  @Column('date', { name: 'ended_on', nullable: true }) endedOn!: string | null;
  @Column('integer') version!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
