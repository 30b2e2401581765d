/**
 * Sealing is synchronous (inside the decider), a shared key store is not: a use case that may seal
 * (join, profile update) makes the expert's key readable first (`PersonalDataCipher.prepare`).
 */
export interface KeyPreparation {
  prepare(expertId: string): Promise<void>;
}
