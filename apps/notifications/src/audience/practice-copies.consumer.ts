import { Injectable } from '@nestjs/common';
import type { ActivityStateV1, EventEnvelope, RegistrationStateV1 } from '@intercity/contracts';
import { applyIfNewer } from '@intercity/messaging';
import type { UnitOfWork } from '@intercity/persistence';

/**
 * Practice's activities and registrations, kept as copies (newest version wins) so the rules can
 * find an activity's registrants while practice is down.
 */
@Injectable()
export class PracticeCopies {
  async apply(uow: UnitOfWork, e: EventEnvelope<object>): Promise<void> {
    if (e.type.startsWith('practice.activity.')) {
      const a = e.data as ActivityStateV1;
      const first = [...a.sessions].sort((x, y) => x.startsAt.localeCompare(y.startsAt))[0];
      await applyIfNewer(uow.manager, {
        table: 'activities',
        id: e.aggregate.id,
        version: e.aggregate.version,
        values: {
          network_id: a.networkId,
          community_id: a.communityId,
          title: a.title,
          host_member_id: a.hostMemberId,
          time_zone: a.timeZone,
          status: a.status,
          first_day: a.days[0] ?? null,
          starts_at: first?.startsAt ?? null,
        },
      });
    } else if (e.type.startsWith('practice.registration.')) {
      const r = e.data as RegistrationStateV1;
      await applyIfNewer(uow.manager, {
        table: 'registrations',
        id: e.aggregate.id,
        version: e.aggregate.version,
        values: { activity_id: r.activityId, person_id: r.personId, member_id: r.memberId, status: r.status },
      });
    }
  }
}
