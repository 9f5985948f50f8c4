import { randomUUID } from 'node:crypto';
import { Test, TestingModule } from '@nestjs/testing';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { DirectoryCopies } from '@intercity/directory';
import { Clock, JobsModule, loadServiceConfig } from '@intercity/platform';
import { createTestDataSource, randomSuffix, TestDataSource, waitFor } from '@intercity/testing';
import { DeliveryRepository } from '../src/delivery/delivery.repository';
import { EMAIL_LOCK_MS, EMAIL_OPTIONS, EMAIL_PROVIDERS, EMAIL_QUEUE, EmailOptions, emailJobOptions, loadEmailOptions } from '../src/email';
import { NOTIFICATIONS_MIGRATIONS } from '../src/migrations';
import { SmtpSink, startSmtpSink } from './support/smtp-sink';

/**
 * The e-mail worker against real Postgres, Redis (BullMQ) and an SMTP server in the test: a
 * delivery's job sends its e-mail once, whatever runs it again; a template that cannot render
 * dead-letters its job with the reason while the others go on; a delivery a dead worker left
 * `sending` becomes `uncertain` and is not sent again.
 */
describe('e-mail worker', () => {
  let sink: SmtpSink;
  let db: TestDataSource;
  let moduleRef: TestingModule;
  let queue: Queue;
  let options: EmailOptions;
  const networkId = randomUUID();
  const memberId = randomUUID();

  beforeAll(async () => {
    sink = await startSmtpSink();
    db = await createTestDataSource('notifications_email', { migrations: NOTIFICATIONS_MIGRATIONS });
    // Queues of their own in a shared Redis.
    const config = loadServiceConfig('notifications', 0, { ...process.env, NATS_STREAM_PREFIX: `T${randomSuffix()}_` });
    options = loadEmailOptions({ NOTIFICATIONS_SMTP_URL: sink.url, NOTIFICATIONS_EMAIL_ATTEMPTS: '3', NOTIFICATIONS_EMAIL_BACKOFF_MS: '50' });
    moduleRef = await Test.createTestingModule({
      imports: [JobsModule.forService(config, [EMAIL_QUEUE])],
      providers: [{ provide: DataSource, useValue: db.dataSource }, DeliveryRepository, DirectoryCopies, Clock, ...EMAIL_PROVIDERS],
    })
      .overrideProvider(EMAIL_OPTIONS)
      .useValue(options)
      .compile();
    await moduleRef.init();
    queue = moduleRef.get<Queue>(getQueueToken(EMAIL_QUEUE));
    await db.dataSource.query(
      `INSERT INTO members (id, source_version, network_id, kind, name, country, time_zone, languages) VALUES ($1, 1, $2, 'city', 'Lyon', 'FR', 'Europe/Paris', '{fr,en}')`,
      [memberId, networkId],
    );
  });

  afterAll(async () => {
    await queue?.obliterate({ force: true });
    await moduleRef?.close();
    await db?.close();
    await sink?.close();
  });

  async function givenPerson(email = `p-${randomSuffix()}@lyon.example`): Promise<{ id: string; email: string }> {
    const id = randomUUID();
    await db.dataSource.query(
      `INSERT INTO people (id, source_version, member_id, given_name, family_name, email, preferred_language) VALUES ($1, 1, $2, 'Camille', 'Martin', $3, 'en')`,
      [id, memberId, email],
    );
    return { id, email };
  }

  /** A notification of an overdue report and its e-mail delivery; `facts` replace the complete ones. */
  async function givenDelivery(
    personId: string,
    {
      id: deliveryId = randomUUID(),
      facts = { cityName: 'Lyon', dueOn: '2025-11-03' },
      status = 'queued',
      attempts = 0,
      updatedAt = new Date(),
    }: { id?: string; facts?: object; status?: string; attempts?: number; updatedAt?: Date } = {},
  ): Promise<string> {
    const notificationId = randomUUID();
    await db.dataSource.query(
      `INSERT INTO notifications (id, key, kind, person_id, network_id, member_id, subject_type, subject_id, facts, event_id, language, in_app, created_at)
       VALUES ($1, $2, 'report-overdue', $3, $4, $5, 'sub-grant', $6, $7, $8, 'en', false, now())`,
      [notificationId, `${randomUUID()}:report-overdue:${personId}`, personId, networkId, memberId, randomUUID(), JSON.stringify(facts), randomUUID()],
    );
    await db.dataSource.query(
      `INSERT INTO deliveries (id, notification_id, channel, status, not_before, attempts, created_at, updated_at) VALUES ($1, $2, 'email', $3, now(), $4, $5, $5)`,
      [deliveryId, notificationId, status, attempts, updatedAt],
    );
    return deliveryId;
  }

  const enqueue = (deliveryId: string) => queue.add('email', { deliveryId }, emailJobOptions(options, deliveryId));
  const delivery = (id: string) => moduleRef.get(DeliveryRepository).delivery(id);
  const attemptsOf = (id: string) => moduleRef.get(DeliveryRepository).attemptsOf(id);
  const mailsOf = (deliveryId: string) => sink.messages.filter((m) => m.messageId === `<${deliveryId}@intercity>`);

  /** The job once it finished (completed or failed for good), read again after: the copy read before may predate its end. */
  const finished = (id: string): Promise<Job> =>
    waitFor(
      async () => {
        const job = await queue.getJob(id);
        return job && ((await job.isCompleted()) || (await job.isFailed())) ? queue.getJob(id) : undefined;
      },
      { description: `job ${id} to finish` },
    );

  it('sends the e-mail once, with the delivery id as Message-ID, however often its job runs', async () => {
    const person = await givenPerson();
    const id = await givenDelivery(person.id);
    await enqueue(id);

    const [mail] = await sink.waitForMessages(1);
    expect(mail.messageId).toBe(`<${id}@intercity>`);
    expect(mail.envelope.to).toEqual([person.email]);
    expect(mail.to).toContain(person.email);
    expect(mail.from).toContain('notifications@intercity.local');
    expect(mail.subject).toContain('Expenditure report overdue');
    expect(mail.text).toContain('Lyon');
    expect(mail.html).toContain('Lyon');
    expect(mail.headers['auto-submitted']).toBe('auto-generated');

    const job = await finished(id);
    expect(job.returnvalue).toBe('sent');
    expect(await delivery(id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null, sentAt: expect.any(Date) });
    expect((await attemptsOf(id)).map((a) => a.outcome)).toEqual(['sent']);

    // The same job id added again while the job is kept: BullMQ ignores it.
    const again = await enqueue(id);
    expect(again.id).toBe(id);
    expect((await queue.getJob(id))?.finishedOn).toBe(job.finishedOn);

    // The job gone from Redis and added again (a dispatcher's sweep, a lost Redis): it runs, and sends nothing.
    await job.remove();
    await enqueue(id);
    await waitFor(async () => (await queue.getJob(id))?.returnvalue === 'skipped', { description: 'the second run to finish' });
    expect(mailsOf(id)).toHaveLength(1);
    expect(await delivery(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('looks again, without spending an attempt, for a delivery whose transaction has not committed yet', async () => {
    const person = await givenPerson();
    const early = randomUUID();
    await queue.add('email', { deliveryId: early }, emailJobOptions({ attempts: 10, backoffMs: 60_000 }, early));
    await waitFor(async () => ((await queue.getJob(early))?.data as { waits?: number } | undefined)?.waits, { description: 'the job to look and find nothing yet' });
    const id = await givenDelivery(person.id, { id: early });

    const job = await finished(id);
    expect(job.returnvalue).toBe('sent');
    // Sent within the test's time although a failed attempt would have waited a minute.
    expect(job.attemptsMade).toBeLessThanOrEqual(1);
    expect(mailsOf(id)).toHaveLength(1);
  });

  it('dead-letters a delivery whose template cannot render, with the reason, while the others still go', async () => {
    const person = await givenPerson();
    const broken = await givenDelivery(person.id, { facts: { cityName: 'Lyon' } });
    const fine = await givenDelivery(person.id);
    await enqueue(broken);
    await enqueue(fine);

    await waitFor(() => mailsOf(fine).length === 1, { description: 'the other e-mail' });
    const job = await finished(broken);
    expect(await job.isFailed()).toBe(true);
    expect(job.failedReason).toMatch(/dueOn/);
    expect(job.attemptsMade).toBe(1);
    const stored = await delivery(broken);
    expect(stored).toMatchObject({ status: 'failed', attempts: 1 });
    expect(stored?.lastError).toMatch(/template report-overdue \(en\).*dueOn/);
    expect(mailsOf(broken)).toHaveLength(0);
    expect((await delivery(fine))?.status).toBe('sent');
  });

  it('sends a notification whose city the copies do not name, worded generically', async () => {
    const person = await givenPerson();
    const id = await givenDelivery(person.id, { facts: { cityName: null, dueOn: '2025-11-03' } });
    await enqueue(id);

    expect((await finished(id)).returnvalue).toBe('sent');
    const [mail] = mailsOf(id);
    expect(mail.text).toContain('The expenditure report of your city was due on 3 November 2025');
    expect(mail.text).not.toMatch(/null|undefined/);
  });

  it('fails the delivery of a recipient erased meanwhile, sending nothing', async () => {
    const person = await givenPerson();
    const id = await givenDelivery(person.id);
    await db.dataSource.query(`UPDATE people SET given_name = NULL, family_name = NULL, email = NULL, erased = true WHERE id = $1`, [person.id]);
    await enqueue(id);

    expect((await finished(id)).returnvalue).toBe('failed');
    expect(await delivery(id)).toMatchObject({ status: 'failed', lastError: 'recipient erased' });
    expect(mailsOf(id)).toHaveLength(0);
  });

  it('retries a refused e-mail with backoff, back in the queue with the error meanwhile, and sends it once', async () => {
    const person = await givenPerson();
    const id = await givenDelivery(person.id);
    sink.refuseNext(1, 451);
    await enqueue(id);

    const job = await finished(id);
    expect(job.returnvalue).toBe('sent');
    expect(mailsOf(id)).toHaveLength(1);
    expect(await delivery(id)).toMatchObject({ status: 'sent', attempts: 2 });
    const attempts = await attemptsOf(id);
    expect(attempts.map((a) => a.outcome)).toEqual(['queued', 'sent']);
    expect(attempts[0].detail).toMatch(/451/);
  });

  it('marks a delivery left sending by a dead worker uncertain when its job comes back, and does not send it', async () => {
    const person = await givenPerson();
    const id = await givenDelivery(person.id, { status: 'sending', attempts: 1, updatedAt: new Date(Date.now() - 2 * EMAIL_LOCK_MS) });
    await enqueue(id);

    expect((await finished(id)).returnvalue).toBe('uncertain');
    const stored = await delivery(id);
    expect(stored).toMatchObject({ status: 'uncertain', attempts: 1 });
    expect(stored?.lastError).toMatch(/may have gone out/);
    expect((await attemptsOf(id)).map((a) => [a.attempt, a.outcome])).toEqual([[1, 'uncertain']]);
    expect(mailsOf(id)).toHaveLength(0);
  });
});
