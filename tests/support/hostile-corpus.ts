// A compact corpus of hostile input, chosen to cover classes rather than to be long (after the
// Big List of Naughty Strings and the usual encoding tricks). Each entry is given as it travels
// on the wire: percent-encoded, so the same text goes into a path segment, a query value or a
// urlencoded form body unchanged. Entries with `bodyOnly` carry raw bytes (as latin1
// characters) that only a form body can hold.

export interface HostileEntry {
  label: string;
  /** Percent-encoded text (or raw latin1 bytes for bodyOnly entries). */
  wire: string;
  bodyOnly?: boolean;
}

const encode = (text: string) => encodeURIComponent(text);

export const HOSTILE: HostileEntry[] = [
  // Control characters
  { label: "NUL", wire: "%00" },
  { label: "NUL inside text", wire: "leeds%00city" },
  { label: "C0 controls", wire: "a%01b%07c%1Bd%1F" },
  { label: "tab, CR, LF", wire: "a%09b%0D%0Ac" },
  { label: "CRLF header injection", wire: "%0D%0ASet-Cookie:%20owned=1" },
  { label: "DEL and C1 controls", wire: "%7F%C2%80%C2%85%C2%9F" },
  // Encodings that are not UTF-8
  { label: "lone high surrogate (CESU-8)", wire: "%ED%A0%80" },
  { label: "lone low surrogate", wire: "x%ED%B0%80y" },
  { label: "overlong slash", wire: "%C0%AF" },
  { label: "overlong NUL", wire: "%C0%80" },
  { label: "bytes never valid in UTF-8", wire: "%FF%FE%FD" },
  { label: "truncated sequence", wire: "%E2%82" },
  { label: "latin1 é", wire: "caf%E9" },
  { label: "raw invalid bytes", wire: "\xC3\x28\xFF", bodyOnly: true },
  // Percent signs that are not escapes
  { label: "lone percent", wire: "%" },
  { label: "bad escape", wire: "%zz" },
  { label: "half escape", wire: "%E0%A4%A" },
  { label: "literal percent and underscore", wire: encode("100%_\\") },
  // Paths
  { label: "encoded dot-dot", wire: "%2e%2e" },
  { label: "traversal", wire: "%2e%2e%2f%2e%2e%2fetc%2fpasswd" },
  { label: "backslash", wire: "%5C" },
  { label: "backslash host", wire: "%5Cevil.example" },
  { label: "double slash host", wire: "%2F%2Fevil.example" },
  // Unicode that is valid but tricky
  { label: "RTL override", wire: encode("abc\u202Etxt.exe") },
  { label: "zero-width and BOM", wire: encode("\u200B\u200D\uFEFFhidden") },
  { label: "emoji with ZWJ", wire: encode("👩‍👩‍👧‍👦💩") },
  { label: "combining marks", wire: encode("Z\u0351\u0357\u0308a\u0328l\u0300g\u0301o") },
  { label: "fullwidth and ligature", wire: encode("Ｌｅｅｄｓ ﬁ İ ß") },
  { label: "non-Latin script", wire: encode("日本語 עברית العربية") },
  // Length
  { label: "8 KB", wire: "a".repeat(8 * 1024) },
  { label: "100 KB", wire: "b".repeat(100 * 1024) },
  // Injection
  { label: "SQL quote", wire: encode("' OR 1=1 --") },
  { label: "SQL statement", wire: encode("'; DROP TABLE users; --") },
  { label: "HTML", wire: encode('"><img src=x onerror=alert(1)>') },
  { label: "script", wire: encode("<script>alert(document.cookie)</script>") },
  { label: "javascript URL", wire: encode("javascript:alert(1)") },
  { label: "template", wire: encode("${7*7}{{7*7}}#{7*7}") },
  { label: "format string", wire: encode("%s%n%x%d") },
  // Names JavaScript treats specially
  { label: "__proto__", wire: "__proto__" },
  { label: "constructor", wire: "constructor" },
  { label: "toString", wire: "toString" },
  // Numbers
  { label: "1e309", wire: "1e309" },
  { label: "-0", wire: "-0" },
  { label: "NaN", wire: "NaN" },
  { label: "huge integer", wire: "9007199254740993" },
  { label: "negative", wire: "-1" },
  // Emptiness
  { label: "empty", wire: "" },
  { label: "spaces", wire: "+%20+" },
];

/** Entries that can stand in a URL (path segment or query value). */
export const HOSTILE_IN_URL = HOSTILE.filter((entry) => !entry.bodyOnly);

/** Entries whose bytes are not valid UTF-8 once percent-decoded. */
export function isInvalidUtf8(entry: HostileEntry) {
  const bytes = Buffer.from(
    entry.wire.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  );
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}
