import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: what a secret feed link carries. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** A new secret for a feed link; shown once to whoever asked, stored only as its hash. */
export const newCalendarSecret = (): string => randomBytes(32).toString('base64url');

/** SHA-256 (hex) of a secret: what is stored, so a leaked database hands out no working links. */
export const hashCalendarSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** Whether a string could be a secret at all (anything else is not looked up). */
export const isCalendarSecret = (secret: string): boolean => SECRET.test(secret);
