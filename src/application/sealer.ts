import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";

/**
 * Secrets at rest (Slack tokens) sealed with AES-256-GCM: a fresh 12-byte nonce per value, the
 * authentication tag checked on opening, so a value changed in the database fails loudly instead
 * of yielding a wrong token.
 */
export class Sealer {
  private readonly key: Buffer;

  /** `key`: 32 bytes, written as base64 or hex (`openssl rand -base64 32`). */
  constructor(key: string) {
    const bytes = /^[0-9a-fA-F]{64}$/.test(key) ? Buffer.from(key, "hex") : Buffer.from(key, "base64");
    if (bytes.length !== 32)
      throw new Error("CRM_SECRET_KEY must be 32 bytes, base64 or hex (openssl rand -base64 32)");
    this.key = bytes;
  }

  seal(plain: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, nonce);
    const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return [VERSION, nonce.toString("base64"), cipher.getAuthTag().toString("base64"), sealed.toString("base64")].join(
      ":",
    );
  }

  open(value: string): string {
    const [version, nonce, tag, sealed] = value.split(":");
    if (version !== VERSION || !nonce || !tag || sealed === undefined) throw new Error("not a sealed value");
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(nonce, "base64"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(sealed, "base64")), decipher.final()]).toString("utf8");
  }
}
