import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { DirectoryCopies } from '@intercity/directory';
import { currencyDigits, formatMoney, LocalDate, localDateOf, Money } from '@intercity/domain';
import { GrantsContext } from '../shared/grants-context';
import { ProgrammeWatch, SubGrantWatch, watchProgramme, watchSubGrant } from './domain/watch';

/** One row per sub-grant, as a finance team reads it: amounts in major units with their currency. */
const COLUMNS = [
  'city',
  'sub-grant',
  'status',
  'currency',
  'awarded',
  'disbursed',
  'recovered',
  'net paid',
  'reported',
  'approved',
  'remaining',
  'spent % of award',
  'elapsed % of period',
  'behind',
  'reports due soon',
  'reports overdue',
  'milestones slipping',
] as const;

type Cell = string | Money;

const isMoney = (c: Cell): c is Money => typeof c === 'object';
const amount = (m: Money) => m;
/** Basis points as a percentage with two decimals, in integers: 3571 -> '35.71'. */
const percent = (bp: number) => `${Math.trunc(bp / 100)}.${String(Math.abs(bp % 100)).padStart(2, '0')}`;

/**
 * The officer's watch: where a programme's money is and what is late. Computed from the stored
 * aggregates on request (a programme has tens of sub-grants, not thousands); on a city node from
 * its copies of the hub's, so it is as current as the copies are.
 */
@Injectable()
export class WatchService {
  constructor(
    private readonly grants: GrantsContext,
    private readonly directory: DirectoryCopies,
  ) {}

  /** On a given day (today in UTC by default: a programme spans cities in several time zones). */
  async programme(id: string, on?: LocalDate): Promise<ProgrammeWatch> {
    const { programme } = await this.grants.readProgramme(id);
    const subGrants = await this.grants.reads.subGrantsOf(id);
    const ids = subGrants.map((s) => s.id);
    const [reports, milestones] = await Promise.all([this.grants.reads.reportFiguresOf(ids), this.grants.reads.milestoneFiguresOf(ids)]);
    return watchProgramme(programme, subGrants, reports, milestones, on ?? localDateOf(this.grants.clock.now(), 'UTC'));
  }

  /** One sub-grant, on its city's local date unless another day is asked. */
  async subGrant(id: string, on?: LocalDate): Promise<SubGrantWatch> {
    const sg = await this.grants.readSubGrant(id);
    const [reports, milestones] = await Promise.all([this.grants.reads.reportFiguresOf([id]), this.grants.reads.milestoneFiguresOf([id])]);
    return watchSubGrant(sg, reports, milestones, on ?? (await this.grants.todayAt(sg.memberId)));
  }

  async rows(id: string, on?: LocalDate): Promise<{ watch: ProgrammeWatch; rows: Cell[][] }> {
    const watch = await this.programme(id, on);
    const names = new Map<string, string>();
    for (const s of watch.subGrants) names.set(s.memberId, (await this.directory.member(s.memberId))?.name ?? s.memberId);
    const rows = watch.subGrants.map((s): Cell[] => [
      names.get(s.memberId) ?? s.memberId,
      s.subGrantId,
      s.status,
      s.figures.awarded.currency,
      amount(s.figures.awarded),
      amount(s.figures.disbursed),
      amount(s.figures.recovered),
      amount(s.figures.netPaid),
      amount(s.figures.reported),
      amount(s.figures.approved),
      amount(s.figures.remaining),
      percent(s.burn.spentBp),
      percent(s.burn.elapsedBp),
      s.burn.behind ? 'yes' : 'no',
      s.reportsDue.map((d) => `${d.key} (due ${d.dueOn})`).join('; '),
      s.reportsOverdue.map((d) => `${d.key} (due ${d.dueOn})`).join('; '),
      s.milestonesSlipping.map((m) => `${m.key} (due ${m.dueOn})`).join('; '),
    ]);
    const f = watch.figures;
    rows.push(['TOTAL', '', '', f.awarded.currency, amount(f.awarded), amount(f.disbursed), amount(f.recovered), amount(f.netPaid), amount(f.reported), amount(f.approved), amount(f.remaining), percent(watch.burn.spentBp), percent(watch.burn.elapsedBp), watch.burn.behind ? 'yes' : 'no', '', '', '']);
    return { watch, rows };
  }

  /** CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read accents right). */
  async csv(id: string, on?: LocalDate): Promise<string> {
    const { rows } = await this.rows(id, on);
    return '\uFEFF' + stringify([[...COLUMNS], ...rows.map((row) => row.map((c) => (isMoney(c) ? formatMoney(c) : c)))]);
  }

  /** XLSX with amounts as numbers of major units, formatted with the currency's decimals. */
  async xlsx(id: string, on?: LocalDate): Promise<Buffer> {
    const { watch, rows } = await this.rows(id, on);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Sub-grants');
    sheet.addRow([...COLUMNS]).font = { bold: true };
    const digits = currencyDigits(watch.envelope.currency);
    const scale = 10 ** digits;
    for (const row of rows) {
      // Each amount is its exact integer of minor units over the currency's scale: the workbook
      // shows major units and sums them, and the stored figure is the one we hold.
      sheet.addRow(row.map((c) => (isMoney(c) ? { formula: `${c.amountMinor}/${scale}`, result: Number(formatMoney(c)) } : c)));
    }
    const format = digits ? `#,##0.${'0'.repeat(digits)}` : '#,##0';
    for (let c = 5; c <= 11; c++) sheet.getColumn(c).numFmt = format;
    sheet.columns.forEach((col) => (col.width = 16));
    return Buffer.from(await book.xlsx.writeBuffer());
  }
}
