import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { translateConstraintViolation } from '../shared/persistence/constraint-violation';
import type { CertificateRule } from '../activity/domain/activity';
import type { Certificate } from './domain/certificate';

interface CertificateRow {
  id: string;
  network_id: string;
  person_id: string;
  member_id: string;
  activity_id: string;
  rule: CertificateRule;
  attended_minutes: number;
  attended_sessions: number;
  language: string;
  issued_on: string;
  issued_at: Date;
}

const toCertificate = (r: CertificateRow): Certificate => ({
  id: r.id,
  networkId: r.network_id,
  personId: r.person_id,
  memberId: r.member_id,
  activityIds: [r.activity_id],
  rule: r.rule,
  attendedMinutes: r.attended_minutes,
  attendedSessions: r.attended_sessions,
  language: r.language,
  issuedOn: r.issued_on,
  issuedAt: r.issued_at,
});

const COLUMNS = `id, network_id, person_id, member_id, activity_id, rule, attended_minutes, attended_sessions, language, to_char(issued_on, 'YYYY-MM-DD') AS issued_on, issued_at`;

@Injectable()
export class CertificateRepository {
  constructor(private readonly db: DataSource) {}

  async find(id: string, m: EntityManager = this.db.manager): Promise<Certificate | undefined> {
    const [row] = await m.query(`SELECT ${COLUMNS} FROM certificates WHERE id = $1`, [id]);
    return row ? toCertificate(row) : undefined;
  }

  async ofPersonAndActivity(m: EntityManager, personId: string, activityId: string): Promise<Certificate[]> {
    const rows: CertificateRow[] = await m.query(`SELECT ${COLUMNS} FROM certificates WHERE person_id = $1 AND activity_id = $2`, [personId, activityId]);
    return rows.map(toCertificate);
  }

  /** A certificate is for one activity here; the unique constraint turns a concurrent second issue into a 409. */
  async insert(m: EntityManager, c: Certificate): Promise<void> {
    if (c.activityIds.length !== 1) throw new Error(`certificate ${c.id} spans ${c.activityIds.length} activities`);
    try {
      await m.query(
        `INSERT INTO certificates (id, network_id, person_id, member_id, activity_id, rule, attended_minutes, attended_sessions, language, issued_on, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [c.id, c.networkId, c.personId, c.memberId, c.activityIds[0], JSON.stringify(c.rule), c.attendedMinutes, c.attendedSessions, c.language, c.issuedOn, c.issuedAt],
      );
    } catch (e) {
      throw translateConstraintViolation(e, {
        certificates_person_activity: { rule: 'certificate.already-issued', message: 'the person already holds this certificate' },
      });
    }
  }
}
