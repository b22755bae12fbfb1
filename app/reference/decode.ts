// CMS files are published in Windows-1252: decode bytes as UTF-8 only when they are valid UTF-8.

export type TextEncodingName = "utf-8" | "windows-1252";

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

// Node's TextDecoder("windows-1252") decodes 0x80-0x9F as Latin-1 control characters, so the
// Windows-1252 characters of that range (–, —, ‘, ’, “, ”, €, ™, ...) are mapped here.
const CP1252_HIGH: Record<number, string> = {
  0x80: "€", 0x82: "‚", 0x83: "ƒ", 0x84: "„", 0x85: "…", 0x86: "†", 0x87: "‡", 0x88: "ˆ", 0x89: "‰", 0x8a: "Š",
  0x8b: "‹", 0x8c: "Œ", 0x8e: "Ž", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x95: "•", 0x96: "–", 0x97: "—",
  0x98: "˜", 0x99: "™", 0x9a: "š", 0x9b: "›", 0x9c: "œ", 0x9e: "ž", 0x9f: "Ÿ",
};

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder("windows-1252").decode(bytes).replace(/[\u0080-\u009f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0)] ?? ch);
}

export function decodeCmsText(input: string | Uint8Array): DecodedText {
  if (typeof input === "string") return { text: input.replace(/^\uFEFF/, ""), encoding: "utf-8" };
  if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(input.subarray(3)), encoding: "utf-8" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(input), encoding: "utf-8" };
  } catch {
    // Not valid UTF-8: the CMS default. Every byte maps to a character, so nothing is lost.
    return { text: decodeWindows1252(input), encoding: "windows-1252" };
  }
}
