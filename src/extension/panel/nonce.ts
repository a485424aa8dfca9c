// The CSP nonce of the panel's one script: 128 random bits from the OS (node:crypto), not
// Math.random, so a page cannot guess it.
import { randomBytes } from 'node:crypto';

export function makeNonce(): string {
  return randomBytes(16).toString('base64url');
}
