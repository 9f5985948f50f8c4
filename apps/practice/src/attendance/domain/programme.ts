import { ProgrammeDefined, ProgrammeDefinedV1 } from '@intercity/contracts';
import { firstVersion, present, RuleViolation, Versioned } from '@intercity/domain';
import { Activity, CertificateRule, checkCertificate } from '../../activity/domain/activity';
import { emission, Outcome } from '../../shared/domain/outcome';
import { requiredText } from '../../shared/domain/text';

/**
 * A training programme, as an organiser thinks of one: "the ECCIPA champions training, these ten
 * activities, a certificate for 120 hours attended". Attendance across its activities adds up
 * towards the one certificate, against the rule set here, once, for every trainee alike. It
 * belongs to one community, as its activities do.
 */
export interface Programme extends Versioned {
  id: string;
  networkId: string;
  communityId: string;
  title: string;
  activityIds: string[];
  rule: CertificateRule;
}

export interface ProgrammeInput {
  title: string;
  activityIds: readonly string[];
  certificate: CertificateRule | null | undefined;
}

export function programmeState(p: Programme): ProgrammeDefinedV1 {
  return present({
    programmeId: p.id,
    networkId: p.networkId,
    communityId: p.communityId,
    title: p.title,
    activityIds: [...p.activityIds],
    rule: present({ ...p.rule }),
  });
}

/**
 * The activities are those found here (`known`, by id); each asked for must be one, listed once,
 * and all of one community. A programme without a rule would certify nothing, so one is required.
 */
export function defineProgramme(
  id: string,
  input: ProgrammeInput,
  known: readonly Pick<Activity, 'id' | 'communityId' | 'networkId'>[],
  now: Date,
): Outcome<Programme> {
  const title = requiredText(input.title, 200, 'programme.title', 'title');
  if (input.activityIds.length === 0) throw RuleViolation.invalid('programme.activities', 'activityIds', 'a programme has at least one activity');
  const activities = input.activityIds.map((activityId, i) => {
    if (input.activityIds.indexOf(activityId) !== i) throw RuleViolation.invalid('programme.activities.duplicate', `activityIds[${i}]`, `activity ${activityId} is listed twice`);
    const a = known.find((k) => k.id === activityId);
    if (!a) throw RuleViolation.unprocessable('programme.activity.exists', `activityIds[${i}]`, `activity ${activityId} does not exist`);
    return a;
  });
  const [first] = activities;
  activities.forEach((a, i) => {
    if (a.communityId !== first.communityId) {
      throw RuleViolation.unprocessable(
        'programme.activities.same-community',
        `activityIds[${i}]`,
        `activity ${a.id} belongs to community ${a.communityId}, not ${first.communityId} as activity ${first.id} does: a programme is one community's`,
      );
    }
  });
  const asked = input.certificate;
  if (!asked || (asked.minHours === null && asked.minSessions === null)) {
    throw RuleViolation.invalid('programme.certificate', 'certificate', 'a programme sets the hours, sessions or both its certificate asks');
  }
  const rule = checkCertificate(asked) as CertificateRule;
  const programme: Programme = {
    id,
    networkId: first.networkId,
    communityId: first.communityId,
    title,
    activityIds: activities.map((a) => a.id),
    rule,
    ...firstVersion(now),
  };
  return { state: programme, events: [emission(ProgrammeDefined, programme, programmeState(programme))] };
}
