/** Every builder in one namespace: the store modules and the translation tests read them as `q.…`. */
export * from './checked-input.ts';
export * from './versioned-entities.ts';
export * from './users.ts';
export * from './companies.ts';
export * from './listings.ts';
export * from './profiles.ts';
export * from './refresh-tokens.ts';
export * from './matches.ts';
export * from './documents.ts';
export * from './saved-listings.ts';
export * from './applications.ts';
export * from './invitations.ts';
export * from './notifications.ts';
export * from './outbox.ts';
export * from './deliveries.ts';
