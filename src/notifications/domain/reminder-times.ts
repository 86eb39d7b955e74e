/**
 * When reminders fire: `offsets` before a deadline, then at the deadline itself (offset 0). Those
 * already past are skipped, so a round opened two days before its deadline gets the 1-day one only.
 */
export function reminderTimes(deadline: Date, offsetsMs: readonly number[], now: Date): { offsetMs: number; at: Date }[] {
  return [...new Set([...offsetsMs, 0])]
    .sort((a, b) => b - a)
    .map((offsetMs) => ({ offsetMs, at: new Date(deadline.getTime() - offsetMs) }))
    .filter((r) => r.at.getTime() > now.getTime());
}

/** A directive is due through the whole of its due date in the province (UTC+7): overdue from the next midnight there. */
export function endOfDueDate(dueDate: string): Date {
  return new Date(Date.parse(`${dueDate}T00:00:00+07:00`) + 86_400_000);
}
