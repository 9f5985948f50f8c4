import type { Page } from '@intercity/platform';
import { BlackoutRepository, StoredBlackout } from '../blackout/blackout.repository';
import type { DatedVisit } from '../calendar/visit-entries';
import { VisitCalendarRepository } from '../calendar/visit-calendar.repository';
import { BusyPeriod, CommitmentRepository } from '../copies/commitment.repository';
import type { Pairing } from '../pairing/domain/pairing';
import { PairingFilter, PairingRepository } from '../pairing/pairing.repository';

/**
 * What exchanges' GET routes read. On the hub (and a standalone node) that is exchanges' own
 * tables; on a city node, which writes none of them (HubWritesGuard), it is the copies of the
 * hub's data kept from the network stream (hub-copies), so a city's liaison sees the city's
 * exchanges while the node is cut off from the hub. Writes always use exchanges' own tables.
 */
export interface ExchangesReads {
  pairing(id: string): Promise<Pairing | undefined>;
  pairings(filter: PairingFilter): Promise<Page<Pairing>>;
  /** A city's blackouts, by first day. */
  blackoutsOf(memberId: string): Promise<StoredBlackout[]>;
  /** The dated visits a city hosts or sends staff on, for its calendar feed. */
  datedVisitsOfCity(memberId: string): Promise<DatedVisit[]>;
  /** The dated visits a person travels on, for their calendar feed. */
  datedVisitsOfPerson(personId: string): Promise<DatedVisit[]>;
  /** People's other commitments (visits ahead of other pairings, activities elsewhere), for the scheduling assistant. */
  busy(personIds: readonly string[], hostMemberId: string, exceptPairingId: string | null): Promise<Map<string, BusyPeriod[]>>;
}

export const EXCHANGES_READS = Symbol('EXCHANGES_READS');

/** Reads of exchanges' own tables: the node is the home of what it serves. */
export class OwnExchangesReads implements ExchangesReads {
  constructor(
    private readonly pairingStore: PairingRepository,
    private readonly blackoutStore: BlackoutRepository,
    private readonly visitStore: VisitCalendarRepository,
    private readonly commitments: CommitmentRepository,
  ) {}

  pairing(id: string) {
    return this.pairingStore.find(id);
  }

  pairings(filter: PairingFilter) {
    return this.pairingStore.list(filter);
  }

  blackoutsOf(memberId: string) {
    return this.blackoutStore.ofMember(memberId);
  }

  datedVisitsOfCity(memberId: string) {
    return this.visitStore.ofCity(memberId);
  }

  datedVisitsOfPerson(personId: string) {
    return this.visitStore.ofPerson(personId);
  }

  busy(personIds: readonly string[], hostMemberId: string, exceptPairingId: string | null) {
    return this.commitments.busy(personIds, hostMemberId, exceptPairingId);
  }
}
