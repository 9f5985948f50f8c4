import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { Access, Principal } from '@intercity/auth';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { REQUEST_ID } from '../http/call-context.middleware';

export class AuditQuery {
  @ApiPropertyOptional({ description: '`<type>` or `<type>:<id>`, e.g. `member:01a2…`' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]*(:[\w-]+)?$/, { message: 'entity must be <type> or <type>:<id>' })
  entity?: string;

  // Any request id the service keeps as the correlation id, not only the UUIDs it makes up itself.
  @ApiPropertyOptional({ description: 'The X-Request-Id of the request that made the changes' })
  @IsOptional()
  @Matches(REQUEST_ID, { message: 'correlationId must be a request id (letters, digits, _ . : -, at most 128)' })
  correlationId?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset = 0;
}

export class AuditEntry {
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ example: 'membership.member.updated' }) action!: string;
  @ApiProperty() entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty() entityVersion!: number;
  @ApiProperty({ nullable: true }) networkId!: string | null;
  @ApiProperty({ example: { kind: 'person', id: 'anne.dupont@eurocities.example.org', roles: ['network-admin'] } })
  actor!: { kind: string; id: string; roles: string[] };
  @ApiProperty() correlationId!: string;
  @ApiProperty() eventId!: string;
}

interface AuditRow {
  occurred_at: Date;
  action: string;
  entity_type: string;
  entity_id: string;
  entity_version: number;
  network_id: string | null;
  actor_kind: string;
  actor_id: string;
  actor_roles: string[];
  correlation_id: string;
  event_id: string;
}

/** Who changed what in this service, newest first; an admin sees their own networks' entries. */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Access.roles('network-admin')
  @ApiOkResponse({ type: [AuditEntry] })
  async list(@Query() q: AuditQuery, @CurrentPrincipal() principal: Principal): Promise<{ items: AuditEntry[]; limit: number; offset: number }> {
    const networks = principal.grants.filter((g) => g.role === 'network-admin').map((g) => g.networkId);
    const [type, id] = q.entity?.split(':') ?? [];
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT * FROM audit_trail
       WHERE ($1::text IS NULL OR entity_type = $1) AND ($2::text IS NULL OR entity_id = $2)
         AND ($3::text IS NULL OR correlation_id = $3)
         AND ($4 OR network_id = ANY($5::text[]))
       ORDER BY seq DESC LIMIT $6 OFFSET $7`,
      [type ?? null, id ?? null, q.correlationId ?? null, networks.includes('*'), networks, q.limit, q.offset],
    );
    return {
      items: rows.map((r) => ({
        occurredAt: r.occurred_at.toISOString(),
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        entityVersion: r.entity_version,
        networkId: r.network_id,
        actor: { kind: r.actor_kind, id: r.actor_id, roles: r.actor_roles },
        correlationId: r.correlation_id,
        eventId: r.event_id,
      })),
      limit: q.limit,
      offset: q.offset,
    };
  }
}
