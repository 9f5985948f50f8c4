import {
  CityJoinedCommunity,
  CityLeftCommunity,
  CommunityCreated,
  CommunityLeaveReason,
  CommunityStateV1,
  CommunityUpdated,
  MemberKind,
} from '@intercity/contracts';
import { firstVersion, nextVersion, present, RuleViolation, Versioned } from '@intercity/domain';
import { emission, Outcome, unchanged } from '../../shared/domain/outcome';
import { optionalText, requiredText } from '../../shared/domain/text';

/** CONNECTION's four communities of practice; other projects name their own themes. */
export const CONNECTION_THEMES = [
  { key: 'strategic-approach', title: 'Strategic approach to integration, participation and interaction' },
  { key: 'gender-dimension', title: 'Gender dimension' },
  { key: 'pathways-to-employment', title: 'Pathways to employment' },
  { key: 'one-stop-shops', title: 'One-stop-shops' },
] as const;
export type ConnectionThemeKey = (typeof CONNECTION_THEMES)[number]['key'];

/** Members that count as cities: a municipality, a county, a city district. */
export const CITY_KINDS: readonly MemberKind[] = ['city', 'county', 'city-district'];

/** An expert is a person of a partner organisation; the community keeps only the ids. */
export interface Expert {
  personId: string;
  memberId: string;
}

export interface Community extends Versioned {
  id: string;
  networkId: string;
  projectId: string;
  name: string;
  theme: string;
  description: string | null;
  /** Null only between the lead city leaving the project and a new lead being named. */
  leadMemberId: string | null;
  memberIds: string[];
  experts: Expert[];
}

/**
 * The project's members as this service's copy knows them (fed by membership's events): who takes
 * part now, and what kind of organisation each is.
 */
export interface ProjectRoster {
  projectId: string;
  networkId: string;
  members: readonly RosterMember[];
}

export interface RosterMember {
  memberId: string;
  kind: MemberKind;
  /** Its participation runs and it has not left the network. */
  active: boolean;
}

export interface CommunityFields {
  name: string;
  theme: string;
  description?: string | null;
  leadMemberId: string;
  memberIds: readonly string[];
  experts?: readonly Expert[];
}

export type CommunityChanges = Partial<Omit<CommunityFields, 'memberIds'>>;

export const isMemberCity = (c: Pick<Community, 'memberIds'>, memberId: string): boolean => c.memberIds.includes(memberId);

function rosterMember(roster: ProjectRoster, memberId: string): RosterMember | undefined {
  return roster.members.find((m) => m.memberId === memberId && m.active);
}

function checkCity(roster: ProjectRoster, memberId: string, field: string): void {
  const member = rosterMember(roster, memberId);
  if (!member) {
    throw RuleViolation.unprocessable('community.city.in-project', field, `member ${memberId} does not take part in project ${roster.projectId}`);
  }
  if (!CITY_KINDS.includes(member.kind)) {
    throw RuleViolation.unprocessable('community.city.is-city', field, `member ${memberId} is a ${member.kind}, not a city`);
  }
}

function checkExperts(roster: ProjectRoster, experts: readonly Expert[]): Expert[] {
  const out: Expert[] = [];
  for (const e of experts) {
    if (rosterMember(roster, e.memberId)?.kind !== 'partner-organisation') {
      throw RuleViolation.unprocessable(
        'community.expert.partner-organisation',
        'experts',
        `expert ${e.personId} must work for a partner organisation of the project`,
      );
    }
    if (!out.some((o) => o.personId === e.personId)) out.push({ personId: e.personId, memberId: e.memberId });
  }
  return out;
}

function checkRoster(roster: ProjectRoster, projectId: string): void {
  // A roster of another project would let its members in: a programming error, not bad input.
  if (roster.projectId !== projectId) throw new Error(`roster of project ${roster.projectId} used for project ${projectId}`);
}

export function communityState(c: Community): CommunityStateV1 {
  return present({
    communityId: c.id,
    networkId: c.networkId,
    projectId: c.projectId,
    name: c.name,
    theme: c.theme,
    description: c.description,
    leadMemberId: c.leadMemberId,
    memberIds: [...c.memberIds],
    experts: c.experts.map((e) => ({ ...e })),
  });
}

/** The lead is always one of the member cities, so it joins with the others if not listed. */
export function createCommunity(id: string, roster: ProjectRoster, input: CommunityFields, now: Date): Outcome<Community> {
  const memberIds = [...new Set([input.leadMemberId, ...input.memberIds])];
  memberIds.forEach((m) => checkCity(roster, m, m === input.leadMemberId ? 'leadMemberId' : 'memberIds'));
  const community: Community = {
    id,
    networkId: roster.networkId,
    projectId: roster.projectId,
    name: requiredText(input.name, 200, 'community.name', 'name'),
    theme: requiredText(input.theme, 200, 'community.theme', 'theme'),
    description: optionalText(input.description, 4000, 'community.description', 'description'),
    leadMemberId: input.leadMemberId,
    memberIds,
    experts: checkExperts(roster, input.experts ?? []),
    ...firstVersion(now),
  };
  return { state: community, events: [emission(CommunityCreated, community, communityState(community))] };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Name, theme, description, lead and experts; cities join and leave through their own rules. */
export function changeCommunity(current: Community, roster: ProjectRoster, changes: CommunityChanges, now: Date): Outcome<Community> {
  checkRoster(roster, current.projectId);
  const next: Partial<Community> = {};
  if (changes.name !== undefined) next.name = requiredText(changes.name, 200, 'community.name', 'name');
  if (changes.theme !== undefined) next.theme = requiredText(changes.theme, 200, 'community.theme', 'theme');
  if (changes.description !== undefined) next.description = optionalText(changes.description, 4000, 'community.description', 'description');
  if (changes.leadMemberId !== undefined) {
    if (!isMemberCity(current, changes.leadMemberId)) {
      throw RuleViolation.unprocessable('community.lead.member-city', 'leadMemberId', 'the lead must be one of the member cities of the community');
    }
    checkCity(roster, changes.leadMemberId, 'leadMemberId');
    next.leadMemberId = changes.leadMemberId;
  }
  if (changes.experts !== undefined) next.experts = checkExperts(roster, changes.experts);
  const changed = Object.entries(next).filter(([k, v]) => !same(current[k as keyof Community], v));
  if (changed.length === 0) return unchanged(current);
  const community = nextVersion(current, Object.fromEntries(changed), now);
  return { state: community, events: [emission(CommunityUpdated, community, communityState(community))] };
}

export function joinCommunity(current: Community, roster: ProjectRoster, cityId: string, now: Date): Outcome<Community> {
  checkRoster(roster, current.projectId);
  if (isMemberCity(current, cityId)) {
    throw RuleViolation.conflict('community.city.already-member', `city ${cityId} is already a member of the community`, 'cityId');
  }
  checkCity(roster, cityId, 'cityId');
  const community = nextVersion(current, { memberIds: [...current.memberIds, cityId] }, now);
  return { state: community, events: [emission(CityJoinedCommunity, community, { ...communityState(community), cityId })] };
}

/**
 * A city leaves by choice, or with the project. The lead cannot simply withdraw (the community
 * would be left without one): another lead is named first. When the lead leaves the project the
 * community goes without a lead until one is named, rather than refusing a fact that happened.
 */
export function leaveCommunity(current: Community, cityId: string, reason: CommunityLeaveReason, now: Date): Outcome<Community> {
  if (!isMemberCity(current, cityId)) {
    throw RuleViolation.conflict('community.city.not-member', `city ${cityId} is not a member of the community`, 'cityId');
  }
  if (current.leadMemberId === cityId && reason === 'withdrew') {
    throw RuleViolation.conflict('community.lead.leaving', 'the lead city cannot withdraw; name another lead first', 'cityId');
  }
  const community = nextVersion(
    current,
    {
      memberIds: current.memberIds.filter((m) => m !== cityId),
      leadMemberId: current.leadMemberId === cityId ? null : current.leadMemberId,
    },
    now,
  );
  return { state: community, events: [emission(CityLeftCommunity, community, { ...communityState(community), cityId, reason })] };
}

/**
 * Membership told us a member left the project (or the network): a city leaves the community, a
 * partner organisation's experts stop being experts. Anything else leaves the community as it is.
 */
export function followMemberLeaving(current: Community, memberId: string, now: Date): Outcome<Community> {
  if (isMemberCity(current, memberId)) return leaveCommunity(current, memberId, 'left-project', now);
  if (!current.experts.some((e) => e.memberId === memberId)) return unchanged(current);
  const community = nextVersion(current, { experts: current.experts.filter((e) => e.memberId !== memberId) }, now);
  return { state: community, events: [emission(CommunityUpdated, community, communityState(community))] };
}

/** A person erased upstream stops being an expert here too. */
export function forgetExpert(current: Community, personId: string, now: Date): Outcome<Community> {
  if (!current.experts.some((e) => e.personId === personId)) return unchanged(current);
  const community = nextVersion(current, { experts: current.experts.filter((e) => e.personId !== personId) }, now);
  return { state: community, events: [emission(CommunityUpdated, community, communityState(community))] };
}
