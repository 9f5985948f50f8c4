import { MemberKind, MemberLeftV1, MemberStateV1 } from '@intercity/contracts';
import { canonicalLanguageTag, isSubdivisionOf } from '../../shared/domain/locale';
import { firstVersion, present, revise, Versioned } from '../../shared/domain/revise';
import { LocalDate, RuleViolation } from '@intercity/domain';

/** An organisation in a network: a city, county, city district or partner organisation. */
export interface Member extends Versioned {
  id: string;
  networkId: string;
  slug: string;
  kind: MemberKind;
  name: string;
  legalName: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** ISO 3166-2, for regional holidays (DE-HE). */
  region: string | null;
  /** IANA zone: the member's local dates (visits, activities) are days in it. */
  timeZone: string;
  /** BCP 47 tags, the main language first. */
  languages: string[];
  /** The node that holds this member's people and writes its data (ARCHITECTURE §6). */
  homeNodeId: string;
  leftOn: LocalDate | null;
  leaveReason: string | null;
}

export interface MemberFields {
  slug: string;
  kind: MemberKind;
  name: string;
  legalName: string;
  country: string;
  region?: string | null;
  timeZone: string;
  languages: string[];
  homeNodeId: string;
}

/** Canonical spelling (`EN-gb` → `en-GB`), each language once, in the order given. */
export function normaliseLanguages(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const tag of tags) {
    const canonical = canonicalLanguageTag(tag);
    if (!canonical) throw RuleViolation.invalid('member.languages', 'languages', `"${tag}" is not a valid BCP 47 language tag`);
    if (!out.includes(canonical)) out.push(canonical);
  }
  if (out.length === 0) throw RuleViolation.invalid('member.languages', 'languages', 'a member speaks at least one language');
  return out;
}

function checkRegion(m: Pick<Member, 'country' | 'region'>): void {
  if (m.region !== null && !isSubdivisionOf(m.region, m.country)) {
    throw RuleViolation.invalid('member.region.in-country', 'region', `region ${m.region} is not a subdivision of ${m.country}`);
  }
}

function checkStillMember(m: Member): void {
  if (m.leftOn !== null) throw RuleViolation.conflict('member.left', `the member left the network on ${m.leftOn} and can no longer change`);
}

export function joinMember(id: string, networkId: string, input: MemberFields, now: Date): Member {
  const member: Member = {
    id,
    networkId,
    slug: input.slug,
    kind: input.kind,
    name: input.name,
    legalName: input.legalName,
    country: input.country,
    region: input.region ?? null,
    timeZone: input.timeZone,
    languages: normaliseLanguages(input.languages),
    homeNodeId: input.homeNodeId,
    leftOn: null,
    leaveReason: null,
    ...firstVersion(now),
  };
  checkRegion(member);
  return member;
}

export function changeMember(current: Member, changes: Partial<MemberFields>, now: Date): Member | undefined {
  checkStillMember(current);
  const languages = changes.languages && normaliseLanguages(changes.languages);
  const next = revise(current, { ...changes, languages }, now);
  if (next) checkRegion(next);
  return next;
}

export function leaveNetwork(current: Member, leftOn: LocalDate, reason: string | null, now: Date): Member {
  if (current.leftOn !== null) throw RuleViolation.conflict('member.already-left', `the member already left on ${current.leftOn}`);
  return { ...current, leftOn, leaveReason: reason, version: current.version + 1, updatedAt: now };
}

export function memberState(m: Member): MemberStateV1 {
  return present({
    memberId: m.id,
    networkId: m.networkId,
    slug: m.slug,
    kind: m.kind,
    name: m.name,
    legalName: m.legalName,
    country: m.country,
    region: m.region,
    timeZone: m.timeZone,
    languages: m.languages,
    homeNodeId: m.homeNodeId,
  });
}

export function memberLeft(m: Member): MemberLeftV1 {
  if (m.leftOn === null) throw new Error(`member ${m.id} has not left`);
  return present({ memberId: m.id, networkId: m.networkId, leftOn: m.leftOn, reason: m.leaveReason });
}
