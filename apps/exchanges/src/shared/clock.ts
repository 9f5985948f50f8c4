import { Injectable } from '@nestjs/common';

/**
 * Where the service reads the time. Visits happen over weeks; a test of a pairing's whole life
 * moves this clock instead of waiting for the calendar.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
