import ExcelJS from 'exceljs';
import { WatchCheck } from '../src/watch/watch-check.jobs';
import { awardBody, eur, GrantsNode, GrantsWorld, programmeBody } from './support/grants-node';

describe('a sub-grant from award to its second tranche, and the officer watching', () => {
  const node = new GrantsNode();
  let world: GrantsWorld;

  beforeAll(async () => {
    await node.startBoth();
    world = await node.givenWorld(20);
  });
  afterAll(() => node.stop());

  it('is awarded within the rules, paid tranche by tranche only when the conditions hold, reported and watched', async () => {
    const g = node.grants;
    const officer = await node.officer(world);
    const ravenna = await node.liaison(world, world.ravenna);
    const cartagena = await node.liaison(world, world.cartagena);
    node.setToday('2024-02-01');

    await g.as(ravenna).post(g.path('programmes')).send(programmeBody(world.projectId)).expect(403);
    const { body: programme } = await g.as(officer).post(g.path('programmes')).send(programmeBody(world.projectId)).expect(201);
    expect(programme.rules.maxPerRecipient).toEqual(eur(6_000_000));

    const partner = await g.as(officer).post(g.path(`programmes/${programme.id}/sub-grants`)).send(awardBody(world.accem, 1_000_000)).expect(422);
    expect(partner.body.rule).toBe('sub-grant.city');
    const { body: sg } = await g.as(officer).post(g.path(`programmes/${programme.id}/sub-grants`)).send(awardBody(world.ravenna, 5_000_000)).expect(201);
    expect(sg).toMatchObject({ status: 'awarded', awarded: eur(5_000_000), tranches: [{ amount: eur(2_000_000) }, { amount: eur(2_000_000) }, { amount: eur(1_000_000) }] });

    const early = await g.as(officer).post(g.path(`sub-grants/${sg.id}/tranches/0/release`)).send({ paidOn: '2024-02-01', paymentReference: 'PAY-1' }).expect(409);
    expect(early.body.rule).toBe('tranche.conditions-unmet');
    expect(early.body.detail).toContain('agreement-signed');

    await g.as(officer).post(g.path(`sub-grants/${sg.id}/sign`)).send({ signedOn: '2024-02-01', documentRef: 'agreement-ravenna.pdf' }).expect(200);
    const paid = await g.as(officer).post(g.path(`sub-grants/${sg.id}/tranches/0/release`)).send({ paidOn: '2024-02-05', paymentReference: 'PAY-1' }).expect(200);
    expect(paid.body.disbursements).toEqual([expect.objectContaining({ trancheIndex: 0, amount: eur(2_000_000), paidOn: '2024-02-05', paymentReference: 'PAY-1' })]);

    const second = await g.as(officer).post(g.path(`sub-grants/${sg.id}/tranches/1/release`)).send({ paidOn: '2024-06-01', paymentReference: 'PAY-2' }).expect(409);
    expect(second.body.unmet.map((u: { condition: string }) => u.condition)).toEqual(['interim-report-approved', 'accounted-share']);

    node.setToday('2025-01-20');
    const lines = [{ category: 'staff', spent: eur(1_500_000) }];
    await g.as(cartagena).post(g.path(`sub-grants/${sg.id}/reports`)).send({ deadlineKey: 'interim-2024', lines }).expect(403);
    const { body: report } = await g.as(ravenna).post(g.path(`sub-grants/${sg.id}/reports`)).send({ deadlineKey: 'interim-2024', lines }).expect(201);
    await g.as(ravenna).post(g.path(`reports/${report.id}/approve`)).send({}).expect(403);
    await g.as(officer).post(g.path(`reports/${report.id}/approve`)).send({}).expect(200);
    await g.as(officer).post(g.path(`sub-grants/${sg.id}/tranches/1/release`)).send({ paidOn: '2025-01-22', paymentReference: 'PAY-2' }).expect(200);

    const { body: watch } = await g.as(officer).get(g.path(`programmes/${programme.id}/watch`)).query({ on: '2025-01-22' }).expect(200);
    expect(watch.figures).toMatchObject({ awarded: eur(5_000_000), disbursed: eur(4_000_000), approved: eur(1_500_000), remaining: eur(1_000_000) });
    expect(watch.unawarded).toEqual(eur(19_899_300));

    const csv = await g.as(officer).get(g.path(`programmes/${programme.id}/watch.csv`)).query({ on: '2025-01-22' }).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain('Ravenna');
    expect(csv.text).toContain('50000.00,40000.00');
    const xlsx = await g
      .as(officer)
      .get(g.path(`programmes/${programme.id}/watch.xlsx`))
      .query({ on: '2025-01-22' })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body);
    const row = book.getWorksheet('Sub-grants')!.getRow(2);
    expect(row.getCell(1).value).toBe('Ravenna');
    // The exact minor units, shown in euros.
    expect(row.getCell(5).value).toMatchObject({ formula: '5000000/100', result: 50000 });

    expect((await g.events(sg.id)).map((e) => e.type)).toEqual([
      'grants.sub-grant.awarded',
      'grants.sub-grant.signed',
      'grants.sub-grant.tranche-released',
      'grants.sub-grant.tranche-released',
    ]);
  });

  it('never lets twenty concurrent awards overspend the envelope', async () => {
    const g = node.grants;
    const officer = await node.officer(world);
    const { body: programme } = await g.as(officer).post(g.path('programmes')).send(programmeBody(world.projectId, { envelope: eur(10_000_000) })).expect(201);
    await g.as(officer).post(g.path(`programmes/${programme.id}/sub-grants`)).send(awardBody(world.ravenna, 5_000_000)).expect(201);
    await g.as(officer).post(g.path(`programmes/${programme.id}/sub-grants`)).send(awardBody(world.cartagena, 4_000_000)).expect(201);

    // EUR 10,000 left; twenty cities ask for EUR 3,000 each at once: three fit.
    const answers = await Promise.all(world.others.map((city) => g.as(officer).post(g.path(`programmes/${programme.id}/sub-grants`)).send(awardBody(city, 300_000))));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(17);
    for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body.rule).toBe('programme.envelope-exceeded');
    const [{ awarded, envelope }] = await g.db.query(`SELECT awarded_minor::text AS awarded, envelope_minor::text AS envelope FROM programmes WHERE id = $1`, [programme.id]);
    expect([awarded, envelope]).toEqual(['9900000', '10000000']);

    // The database holds the rules by itself too, whatever code writes to it.
    await expect(g.db.query(`UPDATE sub_grants SET awarded_minor = awarded_minor + 200000 WHERE programme_id = $1 AND member_id = $2`, [programme.id, world.cartagena])).rejects.toThrow(
      /programme_envelope_holds_awards/,
    );
    await expect(g.db.query(`UPDATE sub_grants SET disbursed_minor = awarded_minor + 1 WHERE programme_id = $1`, [programme.id])).rejects.toThrow(/sub_grant_disbursed_within_award/);
    await expect(g.db.query(`UPDATE budget_lines SET amount_minor = amount_minor + 1 WHERE sub_grant_id IN (SELECT id FROM sub_grants WHERE programme_id = $1)`, [programme.id])).rejects.toThrow(
      /budget lines .* add up to/,
    );
  });

  it('tells a report due soon, then overdue, each once, on the city’s local date', async () => {
    const g = node.grants;
    const officer = await node.officer(world);
    node.setToday('2024-03-01');
    const { body: programme } = await g.as(officer).post(g.path('programmes')).send(programmeBody(world.projectId, { name: 'Watched' })).expect(201);
    const { body: sg } = await g.as(officer).post(g.path(`programmes/${programme.id}/sub-grants`)).send(awardBody(world.cartagena, 1_000_000)).expect(201);
    await g.as(officer).post(g.path(`sub-grants/${sg.id}/sign`)).send({ signedOn: '2024-03-01', documentRef: 'agreement.pdf' }).expect(200);
    const check = g.app.get(WatchCheck);
    const told = async () => (await g.events(sg.id)).filter((e) => e.type.startsWith('grants.report.')).map((e) => e.type);

    node.setToday('2025-01-23');
    await check.run();
    expect(await told()).toEqual([]);
    // Seven days ahead of 31 January in Cartagena: due soon, told once however often the check runs.
    node.setToday('2025-01-24');
    await check.run();
    await check.run();
    expect(await told()).toEqual(['grants.report.due-soon']);
    node.setToday('2025-02-01');
    await check.run();
    await check.run();
    expect(await told()).toEqual(['grants.report.due-soon', 'grants.report.overdue']);
  });
});
