import { IsInt, IsISO8601, IsObject, IsOptional, IsIn, IsString, IsUUID, Min, ValidateNested, IsArray } from 'class-validator';
import { Type } from 'class-transformer';
import type { EventDefinition } from './event-definition';
import type { EventEnvelope } from './envelope';
import { FieldViolation, validatePayload } from './validation';

class ActorShape {
  @IsIn(['person', 'service', 'system']) kind!: string;
  @IsString() id!: string;
  @IsOptional() @IsArray() @IsString({ each: true }) roles?: string[];
}

class AggregateShape {
  @IsString() type!: string;
  @IsString() id!: string;
  @IsInt() @Min(1) version!: number;
}

class EnvelopeShape {
  @IsUUID('all') id!: string;
  @IsString() type!: string;
  @IsInt() @Min(1) version!: number;
  @IsISO8601({ strict: true }) occurredAt!: string;
  @IsString() origin!: string;
  @ValidateNested() @Type(() => AggregateShape) aggregate!: AggregateShape;
  @ValidateNested() @Type(() => ActorShape) actor!: ActorShape;
  @IsString() correlationId!: string;
  @IsOptional() @IsString() causationId!: string | null;
  @IsObject() data!: object;
}

export type Decoded =
  | { ok: true; envelope: EventEnvelope<object>; definition: EventDefinition }
  | { ok: false; reason: string; violations: FieldViolation[] };

function isPlainObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Looks up event types by type and version, and checks envelopes against them. */
export class EventRegistry {
  private readonly byType = new Map<string, Map<number, EventDefinition>>();

  constructor(definitions: readonly EventDefinition[]) {
    for (const d of definitions) {
      const versions = this.byType.get(d.type) ?? new Map<number, EventDefinition>();
      if (versions.has(d.version)) throw new Error(`event ${d.type} v${d.version} is defined twice`);
      versions.set(d.version, d);
      this.byType.set(d.type, versions);
    }
  }

  get types(): string[] {
    return [...this.byType.keys()];
  }

  has(type: string): boolean {
    return this.byType.has(type);
  }

  /**
   * The definition to read `type@version` with. A version newer than any this build knows is read
   * with the newest known one: later versions only add optional fields (ARCHITECTURE §3).
   */
  lookup(type: string, version: number): EventDefinition | undefined {
    const versions = this.byType.get(type);
    if (!versions) return undefined;
    const exact = versions.get(version);
    if (exact) return exact;
    const newest = Math.max(...versions.keys());
    return version > newest ? versions.get(newest) : undefined;
  }

  /** Checks an envelope read off the wire. Consumers are tolerant of fields they don't know. */
  decode(raw: unknown, { strict = false }: { strict?: boolean } = {}): Decoded {
    // The payload is checked on its own below: the envelope's check only needs to know it is an
    // object, and would otherwise copy all of it once more.
    const shell = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? { ...raw, data: isPlainObject((raw as { data?: unknown }).data) ? {} : (raw as { data?: unknown }).data } : raw;
    const env = validatePayload(EnvelopeShape, shell, { strict: false });
    if (env.violations.length) {
      return { ok: false, reason: 'malformed envelope', violations: env.violations };
    }
    const plain = raw as EventEnvelope<unknown>;
    const definition = this.lookup(plain.type, plain.version);
    if (!definition) {
      return {
        ok: false,
        reason: this.has(plain.type) ? `unknown version ${plain.version} of ${plain.type}` : `unknown event type ${plain.type}`,
        violations: [],
      };
    }
    if (plain.aggregate.type !== definition.aggregateType) {
      return {
        ok: false,
        reason: `${plain.type} belongs to aggregate ${definition.aggregateType}, not ${plain.aggregate.type}`,
        violations: [{ field: 'aggregate.type', rule: 'equals', message: `must be ${definition.aggregateType}` }],
      };
    }
    const data = validatePayload(definition.payload, plain.data, { strict, path: 'data' });
    if (data.violations.length) {
      return { ok: false, reason: `invalid ${plain.type} v${plain.version} payload`, violations: data.violations };
    }
    return { ok: true, envelope: { ...plain, data: data.value }, definition };
  }
}
