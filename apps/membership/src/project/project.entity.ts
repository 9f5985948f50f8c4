import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProjectStatus } from '@intercity/contracts';
import type { Project } from './domain/project';

@Entity('projects')
export class ProjectEntity implements Project {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'network_id' }) networkId!: string;
  @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) programme!: string | null;
  @Column('date', { name: 'starts_on' }) startsOn!: string;
  @Column('date', { name: 'ends_on' }) endsOn!: string;
  @Column('text') status!: ProjectStatus;
  @Column('integer') version!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
