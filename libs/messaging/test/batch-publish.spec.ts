import { headers, NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, JetStreamManager } from '@nats-io/jetstream';
import { connectTestNats, readStream, testNamespace } from '@intercity/testing';
import { ensureEventStream, eventStreamName, publishBatch } from '../src';

const { ns, cleanup } = testNamespace();
const stream = eventStreamName('membership', ns);
let nc: NatsConnection;
let jsm: JetStreamManager;

beforeAll(async () => {
  nc = await connectTestNats();
  jsm = await jetstreamManager(nc);
  await ensureEventStream(jsm, 'membership', ns);
});

afterAll(async () => {
  await cleanup(nc);
  await nc.close();
});

const withId = (id: string) => {
  const h = headers();
  h.set('Nats-Msg-Id', id);
  return h;
};

it("stores a batch in order and says, message by message, what each stream answered", async () => {
  const subject = `${ns.subjectPrefix}membership.member.joined`;
  const batch = Array.from({ length: 300 }, (_, i) => ({ subject, data: JSON.stringify({ n: i }), headers: withId(`m-${i}`) }));
  const results = await publishBatch(nc, batch);
  expect(results.every((r) => r.ok && r.stream === stream && !r.duplicate)).toBe(true);
  expect(results.map((r) => (r.ok ? r.seq : 0))).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
  expect((await readStream(jsm, stream)).map((m) => m.json<{ n: number }>().n)).toEqual(Array.from({ length: 300 }, (_, i) => i));

  // Again within the duplicate window: stored already; beside it, a subject no stream takes and a
  // publish the stream refuses (it expects another last sequence).
  const refused = headers();
  refused.set('Nats-Expected-Last-Sequence', '1');
  const again = await publishBatch(nc, [
    batch[0],
    { subject: `${ns.subjectPrefix}nowhere.at.all`, data: '{}' },
    { subject, data: '{}', headers: refused },
  ]);
  expect(again[0]).toMatchObject({ ok: true, duplicate: true, seq: 1 });
  expect(again[1]).toEqual({ ok: false, error: expect.stringContaining('no stream for the subject') });
  expect(again[2]).toEqual({ ok: false, error: expect.stringContaining('wrong last sequence') });
  expect((await jsm.streams.info(stream)).state.messages).toBe(300);
});
