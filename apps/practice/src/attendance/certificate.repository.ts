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
  activity_id: string | null;
  programme_id: string | null;
  activity_ids: string[];
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
  activityIds: r.activity_ids,
  programmeId: r.programme_id,
  rule: r.rule,
  attendedMinutes: r.attended_minutes,
  attendedSessions: r.attended_sessions,
  language: r.language,
  issuedOn: r.issued_on,
  issuedAt: r.issued_at,
});

const COLUMNS = `id, network_id, person_id, member_id, activity_id, programme_id, activity_ids, rule, attended_minutes, attended_sessions, language, to_char(issued_on, 'YYYY-MM-DD') AS issued_on, issued_at`;

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

  async ofPersonAndProgramme(m: EntityManager, personId: string, programmeId: string): Promise<Certificate[]> {
    const rows: CertificateRow[] = await m.query(`SELECT ${COLUMNS} FROM certificates WHERE person_id = $1 AND programme_id = $2`, [personId, programmeId]);
    return rows.map(toCertificate);
  }

  /**
   * A certificate is for one activity, or for a programme (which counts several); the unique
   * constraints turn a concurrent second issue into a 409.
   */
  async insert(m: EntityManager, c: Certificate): Promise<void> {
    if (c.programmeId === null && c.activityIds.length !== 1) throw new Error(`certificate ${c.id} spans ${c.activityIds.length} activities without a programme`);
    try {
      await m.query(
        `INSERT INTO certificates (id, network_id, person_id, member_id, activity_id, programme_id, activity_ids, rule, attended_minutes, attended_sessions, language, issued_on, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          c.id,
          c.networkId,
          c.personId,
          c.memberId,
          c.programmeId === null ? c.activityIds[0] : null,
          c.programmeId,
          c.activityIds,
          JSON.stringify(c.rule),
          c.attendedMinutes,
          c.attendedSessions,
          c.language,
          c.issuedOn,
          c.issuedAt,
        ],
      );
    } catch (e) {
      throw translateConstraintViolation(e, {
        certificates_person_activity: { rule: 'certificate.already-issued', message: 'the person already holds this certificate' },
        certificates_person_programme: { rule: 'certificate.already-issued', message: "the person already holds this programme's certificate" },
      });
    }
  }
}
