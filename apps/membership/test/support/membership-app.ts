import { ServiceUnderTest, TestNode as NodeUnderTest } from '@intercity/service-testing';
import { membershipDefinition } from '../../src/membership.service-definition';

export type { OutboxEvent } from '@intercity/service-testing';

const SNAPSHOT_TABLES = ['nodes', 'networks', 'projects', 'members', 'participations', 'people', 'outbox', 'audit_trail'] as const;

/** A test node that runs the membership service. */
export class TestNode extends NodeUnderTest {
  constructor() {
    super('membership');
  }

  async startMembership(): Promise<MembershipUnderTest> {
    await this.startIssuer();
    const app = await this.start(membershipDefinition(this.configFor('membership')));
    return new MembershipUnderTest(app, 'membership', this.issuer, await this.operatorToken());
  }
}

/** The membership app, its HTTP API and a look at what it stored. */
export class MembershipUnderTest extends ServiceUnderTest {
  override count(table: (typeof SNAPSHOT_TABLES)[number]): Promise<number> {
    return super.count(table);
  }

  /** What a rejected request must leave untouched: every table's row count, the outbox and the audit trail. */
  override snapshot(): Promise<Record<string, number>> {
    return super.snapshot(SNAPSHOT_TABLES);
  }
}
