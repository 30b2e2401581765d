import { hasVisibleText } from './text';

describe('hasVisibleText', () => {
  it.each(['a', ' 低噪音 ', '\u200bx', 'é', '0'])('a text a reader sees: %j', (text) => expect(hasVisibleText(text)).toBe(true));
  it.each(['', '   ', '\t\n', '\u202e\u200b', '\u200d\u2060\ufeff', '\u0007', undefined, null])('nothing a reader sees: %j', (text) => expect(hasVisibleText(text)).toBe(false));
});
