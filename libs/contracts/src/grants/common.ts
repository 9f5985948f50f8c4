/** A local date, YYYY-MM-DD. */
export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Most characters of the grants' free text on the wire (the domain has trimmed it and found it not empty). */
export const TEXT = { name: 300, ref: 500, key: 100, reason: 5000 } as const;
