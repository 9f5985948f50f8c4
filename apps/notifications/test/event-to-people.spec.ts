import { getQueueToken } from '@nestjs/bullmq';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { v7 as uuidv7 } from 'uuid';
import { eventSubject, REPLAYED_HEADER } from '@intercity/messaging';
import type { Queue } from 'bullmq';
import { TransactionRunner } from '@intercity/persistence';
import { Clock } from '@intercity/platform';
import { OPERATOR_SUBJECT } from '@intercity/service-testing';
import { connectTestNats, waitFor } from '@intercity/testing';
import { EMAIL_QUEUE } from '../src/delivery/queues';
import { DigestService } from '../src/digest/digest.service';
import { EventsConsumer } from '../src/pipeline/events.consumer';
import { renderEmail } from '../src/template/render';
import { NotificationsNode, NotificationsWorld } from './support/notifications-node';

describe('events become notifications for the right people, once', () => {
  const node = new NotificationsNode();
  let world: NotificationsWorld;

  beforeAll(async () => {
    await node.startAll();
    world = await node.givenWorld();
  });
  afterAll(() => node.stopAll());

  /** One seat, two people: the first cancels, and the seat is offered to the second, who is returned. */
  async function seatOfferedToTheNextInLine(): Promise<string> {
    const p = node.practice;
    const first = await node.givenPerson(world.ravenna, 'it');
    const waiting = await node.givenPerson(world.offenbach, 'de');
    const activityId = await node.givenOpenActivity(world, 1);
    const { body: a } = await p.http.post(p.path(`activities/${activityId}/registrations`)).send({ personId: first }).expect(201);
    await p.http.post(p.path(`activities/${activityId}/registrations`)).send({ personId: waiting }).expect(201);
    await p.http.post(p.path(`activities/${activityId}/registrations/${a.id}/cancel`)).expect(200);
    return waiting;
  }

  const notificationsOf = (personId: string, kind: string) =>
    node.notifications.db.query(`SELECT id, key, language, facts FROM notifications WHERE person_id = $1 AND kind = $2 ORDER BY created_at`, [personId, kind]);

  it('a seat offered becomes exactly one e-mail in the person’s language, and an inbox item; a redelivered event tells nobody again', async () => {
    const p = node.practice;
    const n = node.notifications;
    const waiting = await seatOfferedToTheNextInLine();

    const [offer] = await waitFor(async () => {
      const rows = await notificationsOf(waiting, 'seat-offered');
      return rows.length ? rows : undefined;
    }, { description: 'the seat-offered notification', timeoutMs: 20_000 });
    expect(offer.language).toBe('de');
    const [delivery] = await n.db.query(`SELECT id FROM deliveries WHERE notification_id = $1 AND channel = 'email'`, [offer.id]);
    const mail = await waitFor(() => node.sink.messages.find((m) => m.messageId === `<${delivery.id}@intercity>`), { description: 'the seat-offered e-mail', timeoutMs: 20_000 });
    const expected = await renderEmail({ kind: 'seat-offered', language: 'de', facts: offer.facts, recipientName: 'Staff', timeZone: 'Europe/Berlin' });
    expect(mail.subject).toBe(expected.subject);
    expect(mail.envelope.to).toHaveLength(1);

    const inbox = await n.http.get(n.path(`people/${waiting}/inbox`)).expect(200);
    expect(inbox.body.items.map((i: { kind: string }) => i.kind)).toContain('seat-offered');
    expect(inbox.body.unread).toBeGreaterThanOrEqual(1);
    const seat = inbox.body.items.find((i: { kind: string }) => i.kind === 'seat-offered');
    expect(seat.title).toEqual(expect.any(String));
    const read = await n.http.post(n.path(`people/${waiting}/inbox/${seat.id}/read`)).expect(200);
    expect(read.body.unread).toBe(inbox.body.unread - 1);

    // The same event again (JetStream redelivers after a crash): no new notification, no new job.
    const [{ envelope }] = await p.db.query(`SELECT envelope FROM outbox WHERE envelope->>'type' = 'practice.registration.offered' AND aggregate_id = (SELECT id FROM registrations WHERE person_id = $1)::text`, [waiting]);
    await n.app.get(TransactionRunner).run((uow) => n.app.get(EventsConsumer).handle(envelope, { uow } as never));
    const queue = n.app.get<Queue>(getQueueToken(EMAIL_QUEUE));
    await waitFor(async () => {
      const c = await queue.getJobCounts('waiting', 'active', 'delayed');
      return c.waiting + c.active + c.delayed === 0;
    }, { description: 'the e-mail queue to be idle', timeoutMs: 20_000 });
    expect(await notificationsOf(waiting, 'seat-offered')).toHaveLength(1);
    expect(node.sink.messages.filter((m) => m.messageId === `<${delivery.id}@intercity>`)).toHaveLength(1);
  });

  it('an event replayed to resynchronise the node keeps the copies and tells nobody', async () => {
    const p = node.practice;
    const n = node.notifications;
    const waiting = await seatOfferedToTheNextInLine();
    await waitFor(async () => (await notificationsOf(waiting, 'seat-offered')).length === 1, { description: 'the seat-offered notification', timeoutMs: 20_000 });

    // The offer restated as a node that never heard of it receives it from an outbox's replay.
    const [{ envelope }] = await p.db.query(`SELECT envelope FROM outbox WHERE envelope->>'type' = 'practice.registration.offered' AND aggregate_id = (SELECT id FROM registrations WHERE person_id = $1)::text`, [waiting]);
    const restated = { ...envelope, id: uuidv7() };
    const nc = await connectTestNats();
    try {
      const h = natsHeaders();
      h.set(REPLAYED_HEADER, new Date().toISOString());
      await jetstream(nc).publish(eventSubject(restated.type, node.namespace.ns), JSON.stringify(restated), { headers: h, msgID: restated.id });
    } finally {
      await nc.close();
    }
    await waitFor(async () => (await n.db.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [restated.id])).length === 1, { description: 'the replayed event applied', timeoutMs: 20_000 });
    expect(await notificationsOf(waiting, 'seat-offered')).toHaveLength(1);
  });

  it('gathers a day of registrations into one digest e-mail, sent once', async () => {
    const p = node.practice;
    const n = node.notifications;
    const person = await node.givenPerson(world.ravenna, 'it');
    await n.http.put(n.path(`people/${person}/preferences`)).send({ kinds: { 'registration-changed': { channels: ['email', 'in-app'], cadence: 'daily' } } }).expect(200);
    for (const title of ['Workshop one', 'Workshop two']) {
      const activityId = await node.givenOpenActivity(world, 5, title);
      await p.http.post(p.path(`activities/${activityId}/registrations`)).send({ personId: person }).expect(201);
    }
    const held = await waitFor(async () => {
      const rows = await n.db.query(
        `SELECT d.id FROM deliveries d JOIN notifications x ON x.id = d.notification_id WHERE x.person_id = $1 AND d.channel = 'email' AND d.status = 'held'`,
        [person],
      );
      return rows.length === 2 ? rows : undefined;
    }, { description: 'two e-mails held for the digest', timeoutMs: 20_000 });
    expect(held).toHaveLength(2);
    expect(node.sink.messages.filter((m) => m.envelope.to.some((to) => to.startsWith('p.')) && m.messageId?.startsWith('<digest-'))).toHaveLength(0);

    // The next morning in Ravenna the digest is due: one mail, whatever how often the job runs.
    const tomorrow = new Date(Date.now() + 36 * 3_600_000);
    n.app.get(Clock).now = () => tomorrow;
    const digests = n.app.get(DigestService);
    await digests.sendDue();
    await digests.sendDue();
    const [{ email }] = await n.db.query(`SELECT email FROM people WHERE id = $1`, [person]);
    const mails = node.sink.messages.filter((m) => m.envelope.to.includes(email) && m.messageId?.startsWith('<digest-'));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('Workshop one');
    expect(mails[0].text).toContain('Workshop two');
    const [{ n: sent }] = await n.db.query(`SELECT count(*)::int AS n FROM deliveries WHERE id = ANY ($1::uuid[]) AND status = 'sent'`, [held.map((h: { id: string }) => h.id)]);
    expect(sent).toBe(2);
  });

  it('refuses preferences naming an unknown channel or kind, or quiet hours that do not parse, changing nothing', async () => {
    const n = node.notifications;
    const person = await node.givenPerson(world.offenbach, 'de');
    const before = await n.http.get(n.path(`people/${person}/preferences`)).expect(200);
    const recorded = await n.events(person);
    for (const [body, field] of [
      [{ kinds: { 'seat-offered': { channels: ['pigeon'] } } }, 'kinds.seat-offered.channels'],
      [{ kinds: { 'lottery-won': { channels: ['email'] } } }, 'kinds.lottery-won'],
      [{ quietHours: { from: '25:00', to: '07:00' } }, 'quietHours.from'],
      [{ timeZone: 'Europe/Atlantis' }, 'timeZone'],
    ] as const) {
      const res = await n.http.put(n.path(`people/${person}/preferences`)).send(body).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.violations[0].field.startsWith(field)).toBe(true);
    }
    const after = await n.http.get(n.path(`people/${person}/preferences`)).expect(200);
    expect(after.body).toEqual(before.body);
    expect(await n.events(person)).toEqual(recorded);
  });

  it("records who changed a person's preferences, and what: the person, or their liaison on their behalf; a refused change, or one to nothing, records nothing", async () => {
    const n = node.notifications;
    const { networkId, ravenna, offenbach } = world;
    const person = await node.givenPerson(ravenna, 'it');
    const prefs = n.path(`people/${person}/preferences`);
    // People sign in as themselves: the token's subject is their person id.
    const self = await n.tokenFor(person, { role: 'viewer', networkId });
    const liaison = await n.tokenFor('liaison@ravenna.example', { role: 'city-liaison', networkId, memberId: ravenna });
    const otherLiaison = await n.tokenFor('liaison@offenbach.example', { role: 'city-liaison', networkId, memberId: offenbach });
    const admin = await n.tokenFor('admin@eurocities.example', { role: 'network-admin', networkId });

    const byLiaison = await n.as(liaison).put(prefs).send({ kinds: { 'seat-offered': { channels: ['in-app'] } }, quietHours: { from: '21:00', to: '08:00' } }).expect(200);
    expect(byLiaison.body.version).toBe(2);
    const byThemselves = await n
      .as(self)
      .put(prefs)
      .set('If-Match', byLiaison.headers.etag)
      .send({ kinds: { 'exchange-changed': { cadence: 'weekly' }, 'seat-offered': { channels: ['in-app'] } }, timeZone: 'Europe/Rome' })
      .expect(200);
    expect(byThemselves.body.version).toBe(3);

    // Refused (another city's liaison, a setting that does not parse, a stale version) or changing
    // nothing (what is already set): the settings keep their version and nothing is recorded.
    const recorded = await n.events(person);
    const refusal = await n.as(otherLiaison).put(prefs).send({ quietHours: null }).expect(403);
    expect(refusal.body.rule).toBe('access.own-city');
    await n.as(liaison).put(prefs).send({ kinds: { 'seat-offered': { channels: ['pigeon'] } } }).expect(400);
    await n.as(self).put(prefs).set('If-Match', byLiaison.headers.etag).send({ quietHours: null }).expect(412);
    const unchanged = await n.as(liaison).put(prefs).send({ timeZone: 'Europe/Rome', quietHours: { from: '21:00', to: '08:00' } }).expect(200);
    expect(unchanged.body).toEqual(byThemselves.body);
    expect(await n.events(person)).toEqual(recorded);

    // Setting the person up turned their quiet hours off (givenPerson), as the node operator.
    expect(recorded.map((e) => [e.type, e.aggregateType, e.aggregateVersion, (e.envelope.actor as { id: string }).id])).toEqual([
      ['notifications.preferences.changed', 'preferences', 1, OPERATOR_SUBJECT],
      ['notifications.preferences.changed', 'preferences', 2, 'liaison@ravenna.example'],
      ['notifications.preferences.changed', 'preferences', 3, person],
    ]);
    expect(recorded[1].data).toEqual({
      personId: person,
      memberId: ravenna,
      networkId,
      changes: { kinds: [{ kind: 'seat-offered', channels: ['in-app'] }], quietHours: { from: '21:00', to: '08:00' } },
      changedBy: expect.stringMatching(/^[0-9a-f-]{36}$/),
      changedAt: expect.any(String),
    });
    expect(recorded[1].data.changedBy).not.toBe(person);
    // Only what changed: seat-offered was asked for again as it was.
    expect(recorded[2].data).toMatchObject({ changes: { kinds: [{ kind: 'exchange-changed', cadence: 'weekly' }], timeZone: 'Europe/Rome' }, changedBy: person });
    expect(recorded[0].data.changes).toEqual({ quietHours: null });

    // The network's admins read it in the audit trail.
    const audit = await n.as(admin).get(n.path('audit')).query({ entity: `preferences:${person}` }).expect(200);
    expect(audit.body.items.map((a: { action: string; actor: { id: string }; entityVersion: number; networkId: string }) => [a.action, a.actor.id, a.entityVersion, a.networkId])).toEqual([
      ['notifications.preferences.changed', person, 3, networkId],
      ['notifications.preferences.changed', 'liaison@ravenna.example', 2, networkId],
      ['notifications.preferences.changed', OPERATOR_SUBJECT, 1, networkId],
    ]);
  });
});
