import { cursorCodec, isPositionKey, isStringKey } from '@hope/platform';

// Matching's lists page by raw positions inside (the registry, the resources index and the text index
// compare ids; the inbox counts a sequence); the caller gets them in the platform's tagged cursor,
// decoded here at the edge, so no list takes another's cursor (decision 0057).
export const EXPERTS_CURSOR = cursorCodec('experts', 1, isStringKey);
export const RESOURCES_CURSOR = cursorCodec('resources', 1, isStringKey);
export const INBOX_CURSOR = cursorCodec('inbox', 1, isPositionKey);
