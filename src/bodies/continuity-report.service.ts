import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { todayIn, yearsBetween } from '../common/time/dates';
import { Body } from './body.entity';
import { Membership } from './membership.entity';
import { MembershipRepository } from './membership.repository';
import { BodiesService } from './bodies.service';

/** The documents' lesson: at least two years of continuous membership is what makes the group work. */
export const CONTINUITY_YEARS = 2;

export interface SeatHolder {
  memberId: string;
  fullName: string;
  role: string;
  /** Start of the holder's unbroken service in this seat (consecutive terms joined). */
  since: string;
  yearsServed: number;
}

export interface SeatContinuity {
  seat: string;
  /** Who holds the seat (chair, co-chair, member or observer); alternates stand in and are listed apart. */
  holders: SeatHolder[];
  alternates: SeatHolder[];
  peopleInPeriod: number;
  empty: boolean;
  underTwoYears: boolean;
  flag: 'empty' | 'under_two_years' | null;
}

export interface ContinuityReport {
  body: Pick<Body, 'id' | 'name' | 'kind'>;
  at: string;
  periodYears: number;
  periodStart: string;
  seats: SeatContinuity[];
  turnoverByCountry: { countryCode: string; seats: number; people: number; flaggedSeats: number }[];
}

@Injectable()
export class ContinuityReportService {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly bodies: BodiesService,
  ) {}

  async build(bodyId: string, years: number, at?: string): Promise<ContinuityReport> {
    const body = await this.bodies.get(bodyId);
    const day = at ?? todayIn(body.timeZone);
    const periodStart = DateTime.fromISO(day).minus({ years }).toISODate()!;
    const terms = await this.memberships.seatTermsUpTo(bodyId, day);

    const bySeat = new Map<string, Membership[]>();
    for (const term of terms) bySeat.set(term.seat, [...(bySeat.get(term.seat) ?? []), term]);

    const seats = [...bySeat.entries()]
      .map(([seat, seatTerms]) => this.seatContinuity(seat, seatTerms, day, periodStart))
      .filter((seat) => seat.peopleInPeriod > 0 || seat.holders.length > 0 || seat.alternates.length > 0)
      .sort((a, b) => a.seat.localeCompare(b.seat));

    return {
      body: { id: body.id, name: body.name, kind: body.kind },
      at: day,
      periodYears: years,
      periodStart,
      seats,
      turnoverByCountry: this.turnoverByCountry(seats, terms, day, periodStart),
    };
  }

  private seatContinuity(seat: string, terms: Membership[], day: string, periodStart: string): SeatContinuity {
    const running = (t: Membership) => t.startDate <= day && (t.endDate === null || t.endDate >= day);
    const inPeriod = terms.filter((t) => t.role !== 'alternate' && (t.endDate === null || t.endDate >= periodStart));
    const toHolder = (current: Membership): SeatHolder => {
      const since = this.unbrokenSince(
        current,
        terms.filter((t) => t.memberId === current.memberId),
      );
      return {
        memberId: current.memberId,
        fullName: current.member!.fullName,
        role: current.role,
        since,
        yearsServed: Math.round(yearsBetween(since, day) * 10) / 10,
      };
    };
    const current = terms.filter(running);
    const holders = current.filter((t) => t.role !== 'alternate').map(toHolder);
    const alternates = current.filter((t) => t.role === 'alternate').map(toHolder);
    const empty = holders.length === 0;
    const underTwoYears = !empty && holders.every((h) => yearsBetween(h.since, day) < CONTINUITY_YEARS);
    return {
      seat,
      holders,
      alternates,
      peopleInPeriod: new Set(inPeriod.map((t) => t.memberId)).size,
      empty,
      underTwoYears,
      flag: empty ? 'empty' : underTwoYears ? 'under_two_years' : null,
    };
  }

  /** Walks back through the member's earlier terms in the seat while each ends the day before the next starts. */
  private unbrokenSince(current: Membership, memberTerms: Membership[]): string {
    let since = current.startDate;
    const earlier = memberTerms
      .filter((t) => t.startDate < current.startDate)
      .sort((a, b) => b.startDate.localeCompare(a.startDate));
    for (const term of earlier) {
      const dayBefore = DateTime.fromISO(since).minus({ days: 1 }).toISODate()!;
      if (term.endDate !== null && term.endDate < dayBefore) break;
      since = term.startDate;
    }
    return since;
  }

  private turnoverByCountry(seats: SeatContinuity[], terms: Membership[], day: string, periodStart: string) {
    const countryOf = (seat: string, seatTerms: Membership[]) =>
      /^[A-Z]{2}$/.test(seat) ? seat : (seatTerms[0]?.member?.countryCode ?? 'EU');
    const summary = new Map<string, { seats: number; people: Set<string>; flaggedSeats: number }>();
    for (const seat of seats) {
      const seatTerms = terms.filter(
        (t) => t.seat === seat.seat && t.startDate <= day && (t.endDate === null || t.endDate >= periodStart),
      );
      const country = countryOf(seat.seat, seatTerms);
      const entry = summary.get(country) ?? { seats: 0, people: new Set<string>(), flaggedSeats: 0 };
      entry.seats += 1;
      seatTerms.forEach((t) => entry.people.add(t.memberId));
      if (seat.flag) entry.flaggedSeats += 1;
      summary.set(country, entry);
    }
    return [...summary.entries()]
      .map(([countryCode, e]) => ({ countryCode, seats: e.seats, people: e.people.size, flaggedSeats: e.flaggedSeats }))
      .sort((a, b) => a.countryCode.localeCompare(b.countryCode));
  }
}
