// The error for a table Meterbook did not make (no saved query), shared by refresh and summarize.

export class NotOurTableError extends Error {
  constructor(tableName?: string) {
    super(tableName ? `${tableName} is not a Meterbook table (it has no saved query).` : 'Select a cell in a Meterbook table first.');
    this.name = 'NotOurTableError';
  }
}
