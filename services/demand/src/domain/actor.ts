/** Who issues a command, as the platform authenticated them. Deciders check tenancy with it. */
export interface Actor {
  readonly subject: string;
  readonly role: 'enterprise' | 'expert' | 'operator' | 'analyst' | 'service';
  readonly organisationId?: string;
}
