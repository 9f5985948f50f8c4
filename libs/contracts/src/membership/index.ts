export * from './vocabulary';
export * from './network.events';
export * from './project.events';
export * from './member.events';
export * from './participation.events';
export * from './person.events';
export * from './node.events';

import { NetworkCreated, NetworkUpdated } from './network.events';
import { ProjectCreated, ProjectUpdated } from './project.events';
import { MemberJoined, MemberLeft, MemberUpdated } from './member.events';
import { ParticipationAssigned, ParticipationChanged, ParticipationEnded } from './participation.events';
import { PersonErased, PersonRegistered, PersonUpdated } from './person.events';
import { NodeRegistered } from './node.events';

export const MEMBERSHIP_EVENTS = [
  NetworkCreated,
  NetworkUpdated,
  ProjectCreated,
  ProjectUpdated,
  MemberJoined,
  MemberUpdated,
  MemberLeft,
  ParticipationAssigned,
  ParticipationChanged,
  ParticipationEnded,
  PersonRegistered,
  PersonUpdated,
  PersonErased,
  NodeRegistered,
] as const;
