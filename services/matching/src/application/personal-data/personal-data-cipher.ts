import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { PersonalData, Sealed } from '../../domain/expert/personal-data';
import type { KeyStore } from './key-store';

/** Seals and opens an expert's personal fields with their own key (AES-256-GCM, the expert id as associated data). */
export class PersonalDataCipher {
  /**
   * What this process just sealed, by the sealed object itself: the handler folds the events it appended
   * right after sealing them, and decrypting them again would be for nothing. Held weakly: gone with the
   * event object. Opening still asks for the key and the expert it was sealed for, like a decryption.
   */
  private readonly justSealed = new WeakMap<Sealed, { expertId: string; personal: PersonalData }>();
  /** IVs are cut from one block of random bytes: a call to the generator per seal cost more than the cipher. */
  private ivs = Buffer.alloc(0);

  constructor(private readonly keys: KeyStore) {}

  seal(expertId: string, personal: PersonalData): Sealed {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.keys.keyFor(expertId), iv);
    cipher.setAAD(Buffer.from(expertId));
    const data = Buffer.concat([cipher.update(JSON.stringify(personal), 'utf8'), cipher.final()]);
    const sealed: Sealed = { alg: 'A256GCM', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    this.justSealed.set(sealed, { expertId, personal });
    return sealed;
  }

  private nextIv(): Buffer {
    if (this.ivs.length < 12) this.ivs = randomBytes(12 * 1024);
    const iv = this.ivs.subarray(0, 12);
    this.ivs = this.ivs.subarray(12);
    return iv;
  }

  /** The personal fields, or undefined when the key is gone (the expert was forgotten). */
  open(expertId: string, sealed: Sealed): PersonalData | undefined {
    const key = this.keys.find(expertId);
    if (!key) return undefined;
    const just = this.justSealed.get(sealed);
    if (just) {
      // Sealed for another expert: that expert's key would not open it either.
      if (just.expertId !== expertId) throw new Error('The personal data was sealed for another expert');
      return just.personal;
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(expertId));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return JSON.parse(Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8')) as PersonalData;
  }

  /** Opens a sequence of sealed changes, oldest first, into the current personal fields (undefined once forgotten). */
  openAll(expertId: string, sealed: readonly Sealed[]): PersonalData | undefined {
    if (!this.keys.find(expertId)) return undefined;
    let merged: PersonalData = {};
    for (const s of sealed) merged = { ...merged, ...this.open(expertId, s) };
    return merged;
  }

  /** For the read models: `new RegistryQueries(db, cipher.opener)`. */
  readonly opener = (expertId: string, sealed: readonly Sealed[]): PersonalData | undefined => this.openAll(expertId, sealed);

  /** Before a command that may seal: the key every replica shares, readable here. */
  prepare(expertId: string): Promise<void> {
    return this.keys.prepare(expertId);
  }

  /** `prepare` for a batch of experts none of whom was forgotten (a bulk import's new experts). */
  async prepareMany(expertIds: readonly string[]): Promise<void> {
    if (this.keys.prepareMany) await this.keys.prepareMany(expertIds);
    else await Promise.all(expertIds.map((id) => this.keys.prepare(id)));
  }

  async forget(expertId: string): Promise<void> {
    await this.keys.delete(expertId);
  }
}
