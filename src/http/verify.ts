/**
 * Discord signs every request it sends to an Interactions Endpoint URL with the application's
 * Ed25519 key: the signature (header X-Signature-Ed25519, hex) is over the timestamp (header
 * X-Signature-Timestamp) followed by the raw body. node:crypto does exactly the check the
 * `discord-interactions` package does, without a dependency (we measured no reason to add one).
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** The DER (SPKI) header of an Ed25519 public key: followed by the 32 raw key bytes it is a key object. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PUBLIC_KEY_HEX = /^[0-9a-fA-F]{64}$/;
/** An Ed25519 signature is 64 bytes. */
const SIGNATURE_HEX = /^[0-9a-fA-F]{128}$/;
/** Unix seconds, as Discord sends them; a bound on the digits keeps Number() exact. */
const TIMESTAMP_DIGITS = /^\d{1,12}$/;

/**
 * A signed request older than this, or this far in the future, is refused: a captured request
 * cannot be replayed later, and a few minutes of clock skew are tolerated.
 */
export const SIGNATURE_MAX_AGE_SECONDS = 5 * 60;

export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'wrong' };

/** The key object for the application's public key (64 hex characters, as the Developer Portal shows it). */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!PUBLIC_KEY_HEX.test(hex)) throw new Error('the public key must be 64 hex characters (Developer Portal → General Information → Public Key)');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

/** Checks one request's signature and its age; never throws. */
export function checkSignature(
  publicKey: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  rawBody: Buffer,
  nowMs: number = Date.now(),
): SignatureCheck {
  if (signature === undefined || timestamp === undefined) return { ok: false, reason: 'missing' };
  if (!SIGNATURE_HEX.test(signature) || !TIMESTAMP_DIGITS.test(timestamp)) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_MAX_AGE_SECONDS) return { ok: false, reason: 'stale' };
  try {
    const message = Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]);
    return verify(null, message, publicKey, Buffer.from(signature, 'hex')) ? { ok: true } : { ok: false, reason: 'wrong' };
  } catch {
    return { ok: false, reason: 'wrong' };
  }
}
