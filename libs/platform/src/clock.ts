import { Injectable } from '@nestjs/common';

/**
 * Where a service reads the time. Visits, reports and milestones fall due over weeks and months;
 * a test of their whole life moves this clock instead of waiting for the calendar.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
