import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MemberKind } from '@intercity/contracts';
import type { Member } from './domain/member';

@Entity('members')
export class MemberEntity implements Member {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'network_id' }) networkId!: string;
  @Column('text') slug!: string;
  @Column('text') kind!: MemberKind;
  @Column('text') name!: string;
  @Column('text', { name: 'legal_name' }) legalName!: string;
  @Column('text') country!: string;
  @Column('text', { nullable: true }) region!: string | null;
  @Column('text', { name: 'time_zone' }) timeZone!: string;
  @Column('text', { array: true }) languages!: string[];
  @Column('text', { name: 'home_node_id' }) homeNodeId!: string;
  @Column('date', { name: 'left_on', nullable: true }) leftOn!: string | null;
  @Column('text', { name: 'leave_reason', nullable: true }) leaveReason!: string | null;
  @Column('integer') version!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
