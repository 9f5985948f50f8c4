import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { waitFor } from '@intercity/testing';
import { OFFER_QUEUE, OfferExpiryScheduler } from '../src/registration/offer-expiry.jobs';
import { RegistrationService } from '../src/registration/registration.service';
import { givenCommunity, givenOpenActivity, HOUR, PracticeNode, World } from './support/practice-node';

describe('waitlist, offers and communities over HTTP', () => {
  const node = new PracticeNode();
  let world: World;
  let communityId: string;

  beforeAll(async () => {
    await node.startBoth();
    world = await node.givenWorld();
    communityId = await givenCommunity(node, world);
  });
  afterAll(() => node.stop());

  it('offers a freed seat to the first person waiting; an offer taken up confirms, one left to lapse passes on', async () => {
    const p = node.practice;
    const [a, b, c] = await node.givenPeople(world.ravenna, 3, 'wl');
    const activityId = await givenOpenActivity(node, world, communityId, { capacity: 1 });
    const reg = async (personId: string) => (await p.http.post(p.path(`activities/${activityId}/registrations`)).send({ personId }).expect(201)).body;
    const [ra, rb, rc] = [await reg(a), await reg(b), await reg(c)];
    expect([ra.status, rb.status, rc.status, rb.waitlistPosition, rc.waitlistPosition]).toEqual(['confirmed', 'waitlisted', 'waitlisted', 1, 2]);

    await p.http.post(p.path(`activities/${activityId}/registrations/${ra.id}/cancel`)).expect(200);
    const offered = await p.http.get(p.path(`activities/${activityId}/registrations/${rb.id}`)).expect(200);
    expect(offered.body.status).toBe('offered');
    expect(new Date(offered.body.offerExpiresAt).getTime() - new Date(offered.body.offeredAt).getTime()).toBe(48 * HOUR);

    // Nobody takes it up: the sweep after 48 h lets it lapse and offers the seat to the next.
    await node.practice.app.get(RegistrationService).expireLapsedOffers(new Date(Date.now() + 49 * HOUR));
    const after = await p.http.get(p.path(`activities/${activityId}/registrations`)).expect(200);
    expect(after.body.map((r: { status: string }) => r.status)).toEqual(['cancelled', 'expired', 'offered']);

    const accepted = await p.http.post(p.path(`activities/${activityId}/registrations/${rc.id}/accept`)).expect(200);
    expect(accepted.body.status).toBe('confirmed');
    const types = (await p.events()).filter((e) => e.aggregateType === 'registration').map((e) => e.type);
    expect(types).toEqual([
      'practice.registration.confirmed',
      'practice.registration.waitlisted',
      'practice.registration.waitlisted',
      'practice.registration.cancelled',
      'practice.registration.offered',
      'practice.registration.offer-expired',
      'practice.registration.offered',
      'practice.registration.confirmed',
    ]);
  });

  it("a city's liaison takes their city out of a community; their people's registrations end with it", async () => {
    const p = node.practice;
    const [person] = await node.givenPeople(world.offenbach, 1, 'lv');
    const activityId = await givenOpenActivity(node, world, communityId);
    const { body: registration } = await p.http.post(p.path(`activities/${activityId}/registrations`)).send({ personId: person }).expect(201);
    const other = await p.tokenFor('liaison@ravenna.example', { role: 'city-liaison', networkId: world.networkId, memberId: world.ravenna });
    const own = await p.tokenFor('liaison@offenbach.example', { role: 'city-liaison', networkId: world.networkId, memberId: world.offenbach });

    await p.as(other).post(p.path(`communities/${communityId}/cities/${world.offenbach}/leave`)).expect(403);
    const left = await p.as(own).post(p.path(`communities/${communityId}/cities/${world.offenbach}/leave`)).expect(200);
    expect(left.body.memberIds).toEqual([world.ravenna]);
    const ended = await p.http.get(p.path(`activities/${activityId}/registrations/${registration.id}`)).expect(200);
    expect(ended.body).toMatchObject({ status: 'cancelled', cancelReason: 'city-left' });

    const joined = await p.http.post(p.path(`communities/${communityId}/cities`)).send({ memberId: world.offenbach }).expect(200);
    expect(joined.body.memberIds).toEqual([world.ravenna, world.offenbach]);
    // A partner organisation is no city.
    const refused = await p.http.post(p.path(`communities/${communityId}/cities`)).send({ memberId: world.accem }).expect(422);
    expect(refused.body.rule).toBe('community.city.is-city');
  });
});

describe('offer expiry as BullMQ jobs', () => {
  const SECONDS = 2;
  const node = new PracticeNode();
  let world: World;
  let communityId: string;
  let queue: Queue;

  beforeAll(async () => {
    await node.startBoth({ offerValidForHours: SECONDS / 3600 });
    world = await node.givenWorld();
    communityId = await givenCommunity(node, world);
    queue = node.practice.app.get<Queue>(getQueueToken(OFFER_QUEUE));
  });
  afterAll(() => node.stop());

  async function givenOffer() {
    const p = node.practice;
    const [a, b, c] = await node.givenPeople(world.ravenna, 3, 'job');
    const activityId = await givenOpenActivity(node, world, communityId, { capacity: 1 });
    const reg = async (personId: string) => (await p.http.post(p.path(`activities/${activityId}/registrations`)).send({ personId }).expect(201)).body;
    const [ra, rb, rc] = [await reg(a), await reg(b), await reg(c)];
    await p.http.post(p.path(`activities/${activityId}/registrations/${ra.id}/cancel`)).expect(200);
    const offered = (await p.events(rb.id)).find((e) => e.type === 'practice.registration.offered');
    if (!offered) throw new Error('no offer was made');
    return { activityId, rb, rc, offered };
  }

  it('an offer nobody takes up lapses when its job comes due, and the seat passes to the next person', async () => {
    const p = node.practice;
    const { activityId, offered } = await givenOffer();
    // The job comes from the relayed event, with the event id as job id, delayed to the deadline.
    const job = await waitFor(() => queue.getJob(String(offered.envelope.id)), { description: 'the offer-expiry job' });
    expect(job.data).toMatchObject({ activityId, expiresAt: offered.data.offerExpiresAt });

    const statuses = await waitFor(
      async () => {
        const list = (await p.http.get(p.path(`activities/${activityId}/registrations`)).expect(200)).body.map((r: { status: string }) => r.status);
        return list[1] === 'expired' ? list : undefined;
      },
      { timeoutMs: 20_000, description: 'the offer to lapse' },
    );
    expect(statuses).toEqual(['cancelled', 'expired', 'offered']);
  });

  it('a redelivered offered event schedules no second job', async () => {
    const { offered } = await givenOffer();
    await waitFor(() => queue.getJob(String(offered.envelope.id)), { description: 'the offer-expiry job' });
    const before = await queue.getJobCounts('delayed', 'waiting', 'active', 'completed');
    const scheduler = node.practice.app.get(OfferExpiryScheduler);
    await scheduler.offered(offered.envelope as never);
    await scheduler.offered(offered.envelope as never);
    const after = await queue.getJobCounts('delayed', 'waiting', 'active', 'completed');
    expect(Object.values(after).reduce((a, b) => a + b, 0)).toBe(Object.values(before).reduce((a, b) => a + b, 0));
  });
});
