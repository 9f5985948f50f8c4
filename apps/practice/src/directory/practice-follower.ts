import { Injectable } from '@nestjs/common';
import { DirectoryCopies, DirectoryFollower } from '@intercity/directory';
import type { UnitOfWork } from '@intercity/persistence';
import { AttendanceService } from '../attendance/attendance.service';
import { CommunityService } from '../community/community.service';
import { RegistrationService } from '../registration/registration.service';

/**
 * Makes practice's own data follow what happened upstream, in the directory consumer's
 * transaction: a member leaving the network or a project leaves its communities, an erased
 * person's registrations, expert seats and attendance marks go.
 */
@Injectable()
export class PracticeFollower implements DirectoryFollower {
  constructor(
    private readonly copies: DirectoryCopies,
    private readonly communities: CommunityService,
    private readonly registrations: RegistrationService,
    private readonly attendance: AttendanceService,
  ) {}

  memberLeft(uow: UnitOfWork, memberId: string): Promise<void> {
    return this.communities.followMemberLeaving(uow, memberId);
  }

  async personErased(uow: UnitOfWork, personId: string): Promise<void> {
    await this.registrations.cancelForPerson(uow, personId);
    await this.communities.forgetExpert(uow, personId);
    await this.attendance.forgetPerson(uow, personId);
  }

  /** A member may hold several participations in a project: it leaves only when none still runs. */
  async participationEnded(uow: UnitOfWork, projectId: string, memberId: string): Promise<void> {
    if (await this.copies.participation(projectId, memberId, uow.manager)) return;
    await this.communities.followMemberLeaving(uow, memberId, projectId);
  }
}
