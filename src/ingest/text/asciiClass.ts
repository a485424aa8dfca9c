// Character classes of the string key-number scanner, by char code (the byte scanner keeps a table).

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function isWord(c: number): boolean {
  return isDigit(c) || isLetter(c) || c === 95;
}

export function isSeparator(c: number): boolean {
  // , | ; [ ] ( ) { } < > tab
  return c === 44 || c === 124 || c === 59 || c === 91 || c === 93 || c === 40 || c === 41 || c === 123 || c === 125 || c === 60 || c === 62 || c === 9;
}
