// A small RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes, CRLF) that keeps
// the physical line number of each record, so rejected rows can be reported where a person finds them.

export interface TextRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  cells: string[];
}

export function parseDelimited(text: string, delimiter: "," | "\t", options: { quotes: boolean } = { quotes: true }): TextRecord[] {
  const records: TextRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let atCellStart = true;
  const endCell = () => {
    cells.push(cell);
    cell = "";
    atCellStart = true;
  };
  const endRecord = () => {
    endCell();
    records.push({ line: recordLine, cells });
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && options.quotes && atCellStart) {
      inQuotes = true;
      atCellStart = false;
    } else if (ch === delimiter) endCell();
    else if (ch === "\r" && text[i + 1] === "\n") continue;
    else if (ch === "\n" || ch === "\r") {
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += ch;
      atCellStart = false;
    }
  }
  if (cell.length > 0 || cells.length > 0) endRecord();
  return records;
}

export function isBlank(record: TextRecord): boolean {
  return record.cells.every((c) => c.trim() === "");
}
