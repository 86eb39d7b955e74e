/** The current time, injectable so that tests can move it (deadlines, lateness, overdue). */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
