import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, PRACTICE_EVENTS } from '@intercity/contracts';
import { isReplayed, type JetStreamContext } from '@intercity/messaging';
import { AudienceRepository } from '../audience/audience.repository';
import { PracticeCopies } from '../audience/practice-copies.consumer';
import { ReminderScheduler } from '../reminder/reminder.scheduler';
import { intentsFor, NOTIFYING_EVENT_TYPES, remindersFor } from '../rules/domain/rules';
import { NotificationPipeline } from './notification-pipeline';

/** Practice's events that keep the copies of activities and registrations. */
const COPIED = PRACTICE_EVENTS.filter((d) => d.aggregateType === 'activity' || d.aggregateType === 'registration').map((d) => d.type);

const HANDLED = [...new Set([...COPIED, ...NOTIFYING_EVENT_TYPES])];

/**
 * Every other service's events that someone should hear of, each handled in one transaction with
 * its inbox row: copies first (so the rules see the registration this event made), then the
 * notifications, then the reminders it moves (a replayed event still moves them: they are about
 * what is ahead).
 */
@Controller()
export class EventsConsumer {
  constructor(
    private readonly copies: PracticeCopies,
    private readonly audience: AudienceRepository,
    private readonly pipeline: NotificationPipeline,
    private readonly reminders: ReminderScheduler,
  ) {}

  @EventPattern(HANDLED)
  async handle(@Payload() event: EventEnvelope<object>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.copies.apply(ctx.uow, event);
    // A replayed event restates an old change to resynchronise copies: nobody is told of it again.
    if (!isReplayed(ctx.message)) await this.pipeline.notify(ctx.uow, await intentsFor(event, this.audience.within(ctx.uow.manager)));
    await this.reminders.plan(ctx.uow, remindersFor(event));
  }
}
