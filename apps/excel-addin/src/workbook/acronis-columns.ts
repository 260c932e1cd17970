// Acronis columns are defined in the table model; these names stay for callers written before it.
export { acronisColumnFor, acronisColumns, GIB_FORMAT, GIB_SUFFIX, gibKey, isUsageKey } from '@meterbook/table-model';
