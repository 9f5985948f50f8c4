import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Node } from './domain/node';

@Entity('nodes')
export class NodeEntity implements Node {
  @PrimaryColumn('text') id!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'base_url' }) baseUrl!: string;
  @Column('boolean') hub!: boolean;
  @Column('text', { name: 'jetstream_domain', nullable: true }) jetstreamDomain!: string | null;
  @Column('integer') version!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
