/**
 * Whether a text shows anything to a reader: at least one character that is not whitespace, an invisible
 * format character (zero-width space, bidi marks and overrides: Unicode Cf) or a control character. A title
 * of "\u202e\u200b" is as empty as one of spaces.
 */
export const hasVisibleText = (text: string | undefined | null): boolean => typeof text === 'string' && /[^\s\p{Cf}\p{Cc}]/u.test(text);
