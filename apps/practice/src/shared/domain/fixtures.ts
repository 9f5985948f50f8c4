import { Activity, ActivityFields, scheduleActivity } from '../../activity/domain/activity';
import { Community, createCommunity, ProjectRoster } from '../../community/domain/community';
import { uid } from './spec-support';

/**
 * A small world for the domain specs: ECCIPA-like cities around a one-stop-shop community, and a
 * study visit hosted by Ravenna. Specs only; the service builds these from its read models.
 */
export const OFFENBACH = uid(1);
export const RAVENNA = uid(2);
export const CARTAGENA = uid(3);
export const ACCEM = uid(5);
export const OUTSIDER = uid(9);
export const EXPERT = uid(50);

export const T0 = new Date('2024-03-01T08:00:00Z');

export const roster: ProjectRoster = {
  projectId: uid(100),
  networkId: uid(101),
  members: [
    { memberId: OFFENBACH, kind: 'county', active: true },
    { memberId: RAVENNA, kind: 'city', active: true },
    { memberId: CARTAGENA, kind: 'city', active: true },
    { memberId: ACCEM, kind: 'partner-organisation', active: true },
    { memberId: OUTSIDER, kind: 'city', active: true },
  ],
};

export const community: Community = createCommunity(
  uid(200),
  roster,
  {
    name: 'One-stop-shops',
    theme: 'One-stop-shops',
    leadMemberId: RAVENNA,
    memberIds: [OFFENBACH, CARTAGENA],
    experts: [{ personId: EXPERT, memberId: ACCEM }],
  },
  T0,
).state;

/** Two days in Ravenna, 09:00-17:00 and 09:00-13:00 local time (CEST). */
export const studyVisit: ActivityFields = {
  kind: 'study-visit',
  title: 'Study visit: the Ravenna one-stop-shop',
  place: 'Piazza del Popolo 1, Ravenna',
  sessions: [
    { id: uid(301), startsAt: new Date('2024-04-24T07:00:00Z'), endsAt: new Date('2024-04-24T15:00:00Z') },
    { id: uid(302), startsAt: new Date('2024-04-26T07:00:00Z'), endsAt: new Date('2024-04-26T11:00:00Z') },
  ],
  capacity: 3,
  registrationWindow: { opensAt: new Date('2024-03-01T00:00:00Z'), closesAt: new Date('2024-04-17T22:00:00Z') },
  languages: ['it', 'en'],
};

export function schedule(fields: Partial<ActivityFields> = {}, id = uid(300)): Activity {
  return scheduleActivity(id, community, { memberId: RAVENNA, timeZone: 'Europe/Rome' }, { ...studyVisit, ...fields }, T0).state;
}

export const openActivity = (fields: Partial<ActivityFields> = {}): Activity => ({ ...schedule(fields), status: 'open', version: 2 });
